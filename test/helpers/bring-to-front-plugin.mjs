// A test-runner command that makes a test file's page the browser's visible tab. With two
// files running at once, only one page is in front; the other draws no frames, so its
// IntersectionObserver never reports, and a test of scrolling an element near waits for ever.

/** The `bring-to-front` command, for tests that need frames drawn (observers, scrolling). */
export function bringToFrontPlugin() {
  return {
    name: 'hearth-bring-to-front',
    async executeCommand({ command, session }) {
      if (command !== 'bring-to-front') return undefined;
      const page = session.browser.getPage(session.id);
      await page.bringToFront();
      return true;
    },
  };
}
