// Typed context variables shared by every route.
import type { Actor } from '../auth/actor.js';
import type { Language } from './language.js';

export interface AppEnv {
  Variables: {
    actor: Actor;
    requestId: string;
    /** Set by detectLanguage (language.ts). */
    language: Language;
  };
}
