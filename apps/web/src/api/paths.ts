import { seg } from './client';

/** Every JSON file of a programme as one bundle (what core's loadProgram reads). */
export const programmeBundlePath = (programId: string): string => `/api/programs/${seg(programId)}/bundle`;
