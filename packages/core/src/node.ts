// Node-only additions (reading programme folders from disk); the main entry stays usable in the browser.

export * from './index';
export { type FileCache, type FileCacheStats, fileCache, sha256 } from './node/file-cache';
export {
  findProgramDirs,
  fontsConfOf,
  nationalCalendarDirOf,
  type ReadProgramOptions,
  readProgramDir,
  templatesDirOf,
} from './node/program-dir';
export { type DiskValidatorStore, diskValidatorStore } from './node/validator-cache';
