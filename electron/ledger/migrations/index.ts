/** Every migration, in order. Append only: a released migration is never edited. */
import { migration001 } from './001-masters';
import { migration002 } from './002-documents';
import { migration003 } from './003-outbox-journal';
import { migration004 } from './004-search';
import { migration005 } from './005-totals';
import { migration006 } from './006-overview';
import { migration007 } from './007-import-mappings';
import { migration008 } from './008-connections';
import { migration009 } from './009-desk-editor';
import { migration010 } from './010-many-hands';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010];

/** The schema version this code writes (`PRAGMA user_version`). */
export const SCHEMA_VERSION = MIGRATIONS.length;
