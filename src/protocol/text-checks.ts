import { z } from './zod.js';
import { isWellFormed } from './text-rules.js';

/**
 * A string check that `text` is well-formed UTF-16 (see isWellFormed), raised as an
 * `invalid_format` issue so a form can tell it from the field's other rules.
 */
// Annotated as zod's own check builders are: a schema the widget never uses is then dropped
// from the bundle, arguments and all.
/* @__NO_SIDE_EFFECTS__ */
export function checkWellFormed(message: string) {
  return z.check<string>((payload) => {
    if (isWellFormed(payload.value)) return;
    payload.issues.push({
      code: 'invalid_format',
      format: 'well_formed_utf16',
      input: payload.value,
      message,
    });
  });
}

/**
 * A string check that `text` is at most `max` UTF-16 code units (`string.length`), as the
 * protocol counts, raised as `too_big` like zod's own. zod's maxLength counts code points, which
 * would let through up to twice the documented length in astral characters.
 */
/* @__NO_SIDE_EFFECTS__ */
export function checkMaxUnits(max: number, message: string) {
  return z.check<string>((payload) => {
    if (payload.value.length <= max) return;
    payload.issues.push({
      code: 'too_big',
      origin: 'string',
      maximum: max,
      inclusive: true,
      input: payload.value,
      message,
    });
  });
}
