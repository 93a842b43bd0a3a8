import { createContext, useContext } from 'react';
import type { ShenbaoEntry } from './entry';
import { fieldEntries } from './kinds';

/**
 * The registry a form runs with (ours plus what the page registered, `ShenbaoForm`'s `renderers`),
 * so a table inside the form chooses its cells from the same list as JSON Forms chose its controls.
 */
export const FieldEntries = createContext<readonly ShenbaoEntry[]>(fieldEntries);

export const useFieldEntries = (): readonly ShenbaoEntry[] => useContext(FieldEntries);
