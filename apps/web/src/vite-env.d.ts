/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** '1' in builds for the benchmark and the browser tests: `?fixture=bench` loads example data. */
  readonly VITE_SHENBAO_FIXTURES?: string;
}
