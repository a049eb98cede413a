/** Every migration, in order. Append only: a released migration is never edited. */
import { migration001 } from './001-masters';
import { migration002 } from './002-documents';
import { migration003 } from './003-outbox-journal';
import { migration004 } from './004-search';
import { migration005 } from './005-totals';
import { migration007 } from './007-many-hands';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration007];

/** The schema version this code writes (`PRAGMA user_version`). */
export const SCHEMA_VERSION = MIGRATIONS.length;
