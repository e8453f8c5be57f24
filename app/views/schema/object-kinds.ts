import type { ObjectKind } from '../../controllers/api';

/** An object of a catalog, as the tree, the menus and the object view name it. */
export interface ObjectRef {
  connectionId: string;
  kind: ObjectKind;
  schema: string;
  name: string;
  oid: number;
}

/** The folders of a schema, each with the kinds it holds, in the order shown. */
export const GROUPS: readonly { id: string; label: string; kinds: readonly ObjectKind[] }[] = [
  { id: 'tables', label: 'Tables', kinds: ['table', 'partitioned_table'] },
  { id: 'views', label: 'Views', kinds: ['view'] },
  { id: 'matviews', label: 'Materialized views', kinds: ['materialized_view'] },
  { id: 'foreign', label: 'Foreign tables', kinds: ['foreign_table'] },
  { id: 'functions', label: 'Functions', kinds: ['function', 'procedure', 'aggregate'] },
  { id: 'sequences', label: 'Sequences', kinds: ['sequence'] },
  { id: 'types', label: 'Types', kinds: ['type', 'domain', 'enum'] },
  { id: 'extensions', label: 'Extensions', kinds: ['extension'] },
];

/** The icon of each kind of object. */
export const KIND_ICONS: Record<ObjectKind, string> = {
  table: 'table',
  partitioned_table: 'table',
  view: 'eye',
  materialized_view: 'layers',
  foreign_table: 'link-external',
  sequence: 'list-ordered',
  function: 'symbol-method',
  procedure: 'symbol-method',
  aggregate: 'symbol-operator',
  type: 'symbol-structure',
  domain: 'symbol-structure',
  enum: 'symbol-enum',
  extension: 'extensions',
};

/** Kinds with rows to show (the first rows, the Data part). */
export const ROW_KINDS: readonly ObjectKind[] = [
  'table',
  'partitioned_table',
  'view',
  'materialized_view',
  'foreign_table',
];

/** Kinds rows can be imported into (COPY FROM into a table). */
export const TABLE_KINDS: readonly ObjectKind[] = ['table', 'partitioned_table'];

/** What each kind is called in words. */
export const KIND_LABEL: Record<ObjectKind, string> = {
  table: 'table',
  partitioned_table: 'partitioned table',
  view: 'view',
  materialized_view: 'materialized view',
  foreign_table: 'foreign table',
  sequence: 'sequence',
  function: 'function',
  procedure: 'procedure',
  aggregate: 'aggregate',
  type: 'type',
  domain: 'domain',
  enum: 'enum',
  extension: 'extension',
};

/** How each constraint type reads in the tree. */
export const CONSTRAINT_LABEL = {
  primary: 'primary key',
  unique: 'unique',
  foreign: 'foreign key',
  check: 'check',
  exclusion: 'exclusion',
} as const;

/** Every kind of object, as the views know them (an object tab's stored kind is one). */
export const OBJECT_KINDS_SHOWN = Object.keys(KIND_LABEL) as ObjectKind[];
