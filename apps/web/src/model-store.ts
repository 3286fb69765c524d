// Persistence of the last model in IndexedDB, so a reload keeps the model the user trained or
// loaded. The raw .safetensors bytes are stored; they are decoded again on startup.

const DATABASE_NAME = 'scratchnet';
const DATABASE_VERSION = 1;
const STORE_NAME = 'models';
const LAST_MODEL_KEY = 'last';

/** A model file as remembered between visits. */
export interface StoredModel {
  name: string;
  bytes: Uint8Array;
  savedAt: string;
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME, DATABASE_VERSION);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Opening IndexedDB database "${DATABASE_NAME}" failed.`));
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE_NAME, mode);
      const request = run(transaction.objectStore(STORE_NAME));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error(`IndexedDB ${mode} transaction failed.`));
      transaction.onabort = () => reject(transaction.error ?? new Error(`IndexedDB ${mode} transaction was aborted.`));
    });
  } finally {
    database.close();
  }
}

/** Stores `model` as the last used model, replacing the previous one. */
export async function saveLastModel(model: StoredModel): Promise<void> {
  // A copy, so that the stored value does not keep a larger shared buffer alive.
  const record = { name: model.name, bytes: model.bytes.slice().buffer, savedAt: model.savedAt };
  await withStore('readwrite', (store) => store.put(record, LAST_MODEL_KEY));
}

/** Returns the last stored model, or null when there is none. */
export async function loadLastModel(): Promise<StoredModel | null> {
  const record = (await withStore('readonly', (store) => store.get(LAST_MODEL_KEY))) as
    | { name: string; bytes: ArrayBuffer; savedAt: string }
    | undefined;
  if (record === undefined) return null;
  return { name: record.name, bytes: new Uint8Array(record.bytes), savedAt: record.savedAt };
}

/** Forgets the last model, so the next visit starts with the default one. */
export async function clearLastModel(): Promise<void> {
  await withStore('readwrite', (store) => store.delete(LAST_MODEL_KEY));
}
