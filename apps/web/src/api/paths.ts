import { seg } from './client';

/** Every JSON file of a programme as one bundle (what core's loadProgram reads). */
export const programmeBundlePath = (programId: string): string => `/api/programs/${seg(programId)}/bundle`;

/** The years a programme has targets for (each with whether it is published). */
export const targetYearsPath = (programId: string): string => `/api/programs/${seg(programId)}/targets`;

/** One year's targets record (draft and published). */
export const targetsPath = (programId: string, year: number): string =>
  `${targetYearsPath(programId)}/${seg(year)}`;
