// One vitest project per workspace package; each package's own vitest.config.ts
// sets its name, setup files and timeouts. (vitest 3.2.x: vitest 4 ignores this file.)
export default ['packages/*', 'services/*'];
