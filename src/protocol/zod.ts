import * as z from 'zod/mini';

// zod compiles object parsers with `new Function` unless told not to, and probes for it when
// each schema is built. Under a strict Content-Security-Policy even the caught probe is
// reported as a violation, so every protocol schema is built from this configured instance.
z.config({ jitless: true });

export { z };
