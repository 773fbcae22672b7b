// Builds custom-elements.json from the elements' JSDoc (@summary, @csspart, @cssprop, @fires).
export default {
  globs: ['src/embed.ts', 'src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/*-template.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // The analyzer also lists each dispatchEvent call as a nameless event; @fires says it all.
      name: 'hearth-drop-unnamed-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
          }
        }
      },
    },
  ],
};
