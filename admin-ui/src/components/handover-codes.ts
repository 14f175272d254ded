// Why a customer of a handover or bulk move went to the pool, was kept, refused or failed, in the
// UI's words: the handover's own words for the code, else the error notice's for it (when they need
// no values the item does not carry), else a general "could not be moved"; never the raw code (it
// stays in data-code, the server's message on hover).
import type { TFunction } from 'i18next';

/** The two maps, each read whole as an object. */
const OWN = 'handover.codes';
const GENERAL = 'errors';

const at = (node: unknown, key: string): unknown => (node && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined);

/**
 * @example
 * handoverCodeText(t, 'CAP_REACHED'); // "over the receiver's private cap" / 接收人私海已满
 */
export function handoverCodeText(t: TFunction, code: string): string {
  // The maps as objects, the code looked up in each: a code is never read as a key path.
  const own = at(t(OWN, { returnObjects: true }), code);
  if (typeof own === 'string' && code !== 'other') return own;
  const general = at(t(GENERAL, { returnObjects: true }), code);
  if (typeof general === 'string' && !general.includes('{{')) return general;
  return t('handover.codes.other');
}
