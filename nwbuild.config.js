/**
 * Packaging options for nw-builder 4.18, read by scripts/dist.mjs (`npm run dist`).
 * Native addons (better-sqlite3, keytar) must be compiled for each OS, so each OS packages
 * itself: run `npm run dist` on Linux, macOS and Windows to get the three apps.
 */
const pkg = require('./package.json');

module.exports = {
  /** The NW.js runtime shipped inside the app (same as the `nw` devDependency). */
  version: pkg.devDependencies.nw,
  flavor: 'normal',
  /** Where downloaded runtimes and headers are kept between builds. */
  cacheDir: 'cache',
  /** One folder per platform-arch below this. */
  outDir: 'out',
  zip: false,
  /** Files of the app taken into the staging folder (production node_modules are added). */
  files: ['package.json', 'package-lock.json', 'patches', 'dist/app', 'dist/views'],
  /** Native addons rebuilt against NW.js's own Node headers. */
  nativeAddons: ['better-sqlite3', 'keytar'],
  app: {
    linux: {
      name: 'Tusk',
      genericName: 'PostgreSQL client',
      comment: pkg.description,
      categories: ['Development', 'Database'],
    },
    osx: {
      name: 'Tusk',
      CFBundleIdentifier: 'dev.tusk.Tusk',
      CFBundleDisplayName: 'Tusk',
      LSApplicationCategoryType: 'public.app-category.developer-tools',
      NSHumanReadableCopyright: 'MIT licence',
    },
    win: {
      name: 'Tusk',
      company: 'Tusk',
      fileDescription: 'Tusk — PostgreSQL client',
      fileVersion: pkg.version,
      internalName: 'Tusk',
      originalFilename: 'Tusk.exe',
      productName: 'Tusk',
      productVersion: pkg.version,
    },
  },
};
