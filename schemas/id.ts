// An id as the API takes them in paths, bodies and cursors.
import { z } from 'zod';

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, "_" and "-"');
