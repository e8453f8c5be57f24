/**
 * Jest, unit tests only (`npm run test:unit`): the specs that need nothing but Node and the
 * npm packages — no PostgreSQL, Chromium, sshd, keyring, Debian package or root — so they
 * run on any OS. No global setup: no harness is started. A spec joins this list when it
 * imports no harness of spec/support (postgres, browser, sshd, secret-service, backend…).
 */
import base from './jest.config.js';

export default {
  testEnvironment: base.testEnvironment,
  roots: base.roots,
  transform: base.transform,
  testTimeout: base.testTimeout,
  testMatch: [
    '<rootDir>/spec/common/**/*.spec.ts',
    '<rootDir>/spec/models/sql/**/*.spec.ts',
    '<rootDir>/spec/models/schema/completion.spec.ts',
    '<rootDir>/spec/models/schema/symbol-at.spec.ts',
    '<rootDir>/spec/models/queries/result-*.spec.ts',
    '<rootDir>/spec/models/logging/logging.spec.ts',
    '<rootDir>/spec/models/transfer/csv-fields.spec.ts',
    '<rootDir>/spec/server/options.spec.ts',
    '<rootDir>/spec/views/connection-form.spec.ts',
    '<rootDir>/spec/views/sql-editor-text.spec.ts',
    '<rootDir>/spec/views/schema-tree-model.spec.ts',
    '<rootDir>/spec/lint/**/*.spec.ts',
  ],
};
