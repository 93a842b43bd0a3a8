// Types for docxtemplater modules that the package ships without declarations.

declare module 'docxtemplater/js/modules/fix-doc-pr-corruption.js' {
  import type { DXT } from 'docxtemplater';

  /** A module that, on "syncing-zip", renumbers every wp:docPr id of the package from 1. */
  interface FixDocPrCorruptionModule extends DXT.Module {
    clone(): FixDocPrCorruptionModule;
    set(options: Record<string, unknown>): void;
  }
  /** docxtemplater's own fix for the duplicate drawing ids a loop makes (Word calls them corrupt). */
  const fixDocPrCorruption: FixDocPrCorruptionModule;
  export default fixDocPrCorruption;
}
