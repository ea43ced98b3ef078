import { JEA001 } from './JEA001';
import { JEA002 } from './JEA002';
import { JEA003 } from './JEA003';
import { JEA004 } from './JEA004';
import { JEA005 } from './JEA005';
import { JEA006 } from './JEA006';
import { JEA007 } from './JEA007';
import { JEA008 } from './JEA008';
import { JEA009 } from './JEA009';
import { JEA010 } from './JEA010';
import { JEA011 } from './JEA011';
import { JEA012 } from './JEA012';
import { JEA013 } from './JEA013';
import { JEA014 } from './JEA014';
import { JEA015 } from './JEA015';
import { JEA016 } from './JEA016';
import { JEA017 } from './JEA017';
import { JEA018 } from './JEA018';
import { JEA019 } from './JEA019';
import { JEA020 } from './JEA020';
import { JIT001 } from './JIT001';
import { JIT002 } from './JIT002';
import { JIT003 } from './JIT003';
import { JIT004 } from './JIT004';
import { JIT005 } from './JIT005';
import { JIT006 } from './JIT006';
import { JIT007 } from './JIT007';
import { Rule } from './rule';

/** Every rule, in id order. Each lives in its own file named by its id. */
export const RULES: readonly Rule[] = [
  JEA001,
  JEA002,
  JEA003,
  JEA004,
  JEA005,
  JEA006,
  JEA007,
  JEA008,
  JEA009,
  JEA010,
  JEA011,
  JEA012,
  JEA013,
  JEA014,
  JEA015,
  JEA016,
  JEA017,
  JEA018,
  JEA019,
  JEA020,
  JIT001,
  JIT002,
  JIT003,
  JIT004,
  JIT005,
  JIT006,
  JIT007,
];
