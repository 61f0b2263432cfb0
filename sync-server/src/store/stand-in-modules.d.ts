// Just enough typing for the test-only CouchDB stand-in: neither express (v4, types not installed in this
// workspace) nor express-pouchdb ships declarations. Declared narrowly so nothing untyped reaches the tests.
declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type ExpressPouchDbOptions = { mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom'; inMemoryConfig?: boolean };
  function expressPouchDB(
    pouchDB: ReturnType<PouchDB.Static['defaults']>,
    options?: ExpressPouchDbOptions,
  ): (req: IncomingMessage, res: ServerResponse) => void;
  export = expressPouchDB;
}

declare module 'express' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type Handler = (req: IncomingMessage, res: ServerResponse) => void;
  type Application = Handler & { use(path: string, handler: Handler): Application };
  function express(): Application;
  export = express;
}
