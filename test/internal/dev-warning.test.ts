import { expect } from '@open-wc/testing';
import { setDevWarnings, warnInDev } from '../../src/internal/dev-warning.js';

describe('warnInDev', () => {
  const realWarn = console.warn;
  let warnings: unknown[][] = [];

  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });

  afterEach(() => {
    console.warn = realWarn;
    setDevWarnings(false);
  });

  it('says nothing while dev warnings are off, as a production build never does', () => {
    warnInDev('cache read failed', new Error('closed'));
    expect(warnings).to.deep.equal([]);
  });

  it('reports what failed and the error once dev warnings are on', () => {
    setDevWarnings(true);
    const error = new Error('closed');
    warnInDev('cache read failed', error);
    expect(warnings).to.deep.equal([['[hearth] cache read failed', error]]);
  });

  it('reports from a handler that falls back, which still resolves to the fallback', async () => {
    setDevWarnings(true);
    const read = Promise.reject(new Error('refused')).catch(
      (error: unknown) => (warnInDev('votes read failed', error), 'fallback'),
    );
    expect(await read).to.equal('fallback');
    expect(warnings.map(([context]) => context)).to.deep.equal(['[hearth] votes read failed']);
  });
});
