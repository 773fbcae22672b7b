/**
 * The words of the notice shown in place of the composer when the endpoint can never serve
 * this page until its owner fixes it (see messages.ts): they load with that notice's chunk.
 */
export const problemMessages = {
  unavailable: 'Comments are unavailable on this page.',
  /** For the site's owner, after `unavailable`: the server's configuration lacks the page's origin. */
  originRefused:
    "Site owner: the comment server does not allow pages on {origin}. Add it to sites[].origins in the server's configuration.",
  /** For the site's owner, after `unavailable`: the endpoint answered, but not as a Hearth server. */
  notHearth: 'Site owner: {endpoint} is not a Hearth comment server. Check the endpoint attribute.',
} as const;
