import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';

/**
 * The widget's layers, lowest first (see conventions: "Layers import downward only"). A module
 * may import from its own layer and the layers before it; src/embed.ts and src/index.ts, the
 * entries, may import from any.
 */
const widgetLayers = ['protocol', 'events', 'i18n', 'internal', 'storage', 'sync', 'controllers', 'elements'];
/** The admin page is its own bundle beside the elements: it shares only the widget's lower layers. */
const adminMayImport = new Set(['admin', 'protocol', 'events', 'i18n', 'internal']);

/** Every TypeScript file under `folder`. */
function listModules(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return listModules(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The repository paths `module` imports relatively (static, dynamic, type-only and re-exports). */
function readImports(module: string): string[] {
  const source = readFileSync(module, 'utf8');
  return [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) =>
    normalize(join(dirname(module), match[1]!)),
  );
}

/** The first folder below `root` that `path` is in, or '' for a file directly in it. */
function topFolder(path: string, root: string): string {
  const rest = path.slice(root.length + 1).split('/');
  return rest.length > 1 ? rest[0]! : '';
}

/** "a → b" for each import in `modules` that `isAllowed` refuses. */
function findRefused(modules: string[], isAllowed: (from: string, to: string) => boolean): string[] {
  return modules.flatMap((module) =>
    readImports(module)
      .filter((target) => !isAllowed(module, target))
      .map((target) => `${module} → ${target}`),
  );
}

describe('layers: modules import downward only', () => {
  it('in the widget: protocol → events → i18n → internal → storage → sync → controllers → elements', () => {
    const refused = findRefused(listModules('src'), (from, to) => {
      if (!to.startsWith('src/')) return false;
      const [fromLayer, toLayer] = [topFolder(from, 'src'), topFolder(to, 'src')];
      if (fromLayer === '' || fromLayer === toLayer) return true;
      if (fromLayer === 'admin') return adminMayImport.has(toLayer);
      const [fromRank, toRank] = [widgetLayers.indexOf(fromLayer), widgetLayers.indexOf(toLayer)];
      assert.ok(fromRank >= 0, `${from} is in no layer: add its folder to widgetLayers`);
      return toRank >= 0 && toRank <= fromRank;
    });
    assert.deepEqual(refused, [], 'these imports go up a layer, or out of src/');
  });

  it('in the server: only app.ts wires the routes, and the server uses only the wire format and pure helpers of src/', () => {
    const refused = findRefused(listModules('server/src'), (from, to) => {
      if (to.startsWith('src/')) return ['protocol', 'internal', 'i18n'].includes(topFolder(to, 'src'));
      if (!to.startsWith('server/src/')) return false;
      const isRoute = topFolder(to, 'server/src') === 'routes';
      return !isRoute || from === 'server/src/app.ts' || topFolder(from, 'server/src') === 'routes';
    });
    assert.deepEqual(
      refused,
      [],
      'these imports reach into the routes, or into the widget above its pure layers',
    );
  });
});
