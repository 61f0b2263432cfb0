// Database names follow CouchDB's rules on both backends, so a deployment can move between embedded PouchDB and
// CouchDB without renaming anything, and so no name can ever address something outside the store (paths, `_users`).

const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]*$/;
/** CouchDB's own limit; also keeps the embedded directory name well under common filesystem limits (255 bytes). */
const MAX_DATABASE_NAME_LENGTH = 238;

export class InvalidDatabaseNameError extends Error {
  constructor(name: string) {
    super(
      `Invalid database name ${JSON.stringify(name)}: must match ${DATABASE_NAME.source} and be at most ${MAX_DATABASE_NAME_LENGTH} characters`,
    );
    this.name = 'InvalidDatabaseNameError';
  }
}

export function isValidDatabaseName(name: string): boolean {
  return name.length <= MAX_DATABASE_NAME_LENGTH && DATABASE_NAME.test(name);
}

export function assertValidDatabaseName(name: string): void {
  if (!isValidDatabaseName(name)) throw new InvalidDatabaseNameError(name);
}

/**
 * The directory name for an embedded database. `/` would nest directories and `$()+` upset shells and some
 * filesystems, so every character outside `[a-z0-9_-]` becomes `.` + two hex digits. `.` never occurs in a valid
 * name, so the mapping is injective (two databases can never share a directory), and because names start with a
 * letter the result can never be `.`, `..` or a hidden file.
 */
export function databaseDirName(name: string): string {
  assertValidDatabaseName(name);
  return name.replace(/[^a-z0-9_-]/g, (ch) => `.${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const DB_PREFIX = /^([a-z][a-z0-9_-]{0,39})?$/;

/** A CouchDB database-name prefix (COUCHDB_DB_PREFIX): empty, or a name start that keeps every name valid. */
export function isValidDbPrefix(prefix: string): boolean {
  return DB_PREFIX.test(prefix);
}
