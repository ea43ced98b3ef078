// cdktf's jest matchers (toHaveResourceWithProperties, ...), and their types for every test.
import { Testing } from 'cdktf';
import type {} from 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();
