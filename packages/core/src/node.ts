// Node-only additions (reading programme folders from disk); the main entry stays usable in the browser.

export * from './index';
export {
  findProgramDirs,
  fontsConfOf,
  nationalCalendarDirOf,
  type ReadProgramOptions,
  readProgramDir,
  templatesDirOf,
} from './node/program-dir';
