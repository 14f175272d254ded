// Typed context variables shared by every route.
import type { Actor } from '../auth/actor.js';

export interface AppEnv {
  Variables: {
    actor: Actor;
    requestId: string;
    /** 'en' or 'zh', from Accept-Language (language.middleware.ts). */
    language: string;
  };
}
