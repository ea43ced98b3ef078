// Test setup: cdktf's jest matchers (toHaveResourceWithProperties, ...) with their types, and a
// fixed fast-check seed in CI, so that a CI run is reproducible; local runs draw new cases.
import { Testing } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest';
import fc from 'fast-check';

Testing.setupJest();
if (process.env.CI) fc.configureGlobal({ seed: 20261121 });
