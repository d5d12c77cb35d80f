// Module resolution hook (module.register): `import 'electron'` resolves to the stand-in (through
// the next resolvers, so tsx still compiles it).
const target = new URL('./electron-module.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier === 'electron' ? target : specifier, context);
}
