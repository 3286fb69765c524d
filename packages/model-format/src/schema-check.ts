// Checks of the scratchnet metadata strings: format name, version, then the JSON
// documents, field by field. A failure names the field path, as in
// "scratchnet.architecture.sizes[1]", and what was expected there.

import { findDuplicateKey } from './json-duplicate-keys.js';
import { ModelFormatError } from './model-format-error.js';
import {
  FORMAT_NAME,
  FORMAT_VERSION,
  METADATA_KEYS,
  type Architecture,
  type CheckpointMetadata,
  type ModelMetadata,
  type Preprocessing,
  type TrainingRecord,
} from './schema.js';

/** Parses and checks the scratchnet fields of `__metadata__`. */
export function checkModelMetadata(metadata: Record<string, string> | undefined): ModelMetadata {
  if (metadata === undefined || metadata[METADATA_KEYS.format] !== FORMAT_NAME) {
    const found = metadata?.[METADATA_KEYS.format];
    throw new ModelFormatError(
      'not-scratchnet',
      `This safetensors file is not a scratchnet model: __metadata__.format is ${found === undefined ? 'missing' : JSON.stringify(found)}, expected "${FORMAT_NAME}". Load it with a generic safetensors reader instead.`,
    );
  }

  const version = checkVersion(metadata[METADATA_KEYS.version]);
  const document = parseJsonDocument(metadata[METADATA_KEYS.model], METADATA_KEYS.model);
  const root = new Field(document, METADATA_KEYS.model);
  const model: ModelMetadata = {
    format: FORMAT_NAME,
    version,
    architecture: checkArchitecture(root.get('architecture')),
    preprocessing: checkPreprocessing(root.get('preprocessing')),
    classLabels: root.get('classLabels').stringArray(),
    tensorsSha256: root.get('tensorsSha256').sha256(),
  };
  const training = root.optional('training');
  if (training !== undefined) model.training = checkTrainingRecord(training);

  const classCount = model.architecture.sizes[model.architecture.sizes.length - 1];
  if (model.classLabels.length !== classCount) {
    throw schemaError(
      `${METADATA_KEYS.model}.classLabels has ${model.classLabels.length} labels, but the network has ${classCount} outputs.`,
    );
  }
  return model;
}

/** Parses and checks the checkpoint description, or returns undefined when the file has none. */
export function checkCheckpointMetadata(
  metadata: Record<string, string>,
): CheckpointMetadata | undefined {
  const text = metadata[METADATA_KEYS.checkpoint];
  if (text === undefined) return undefined;

  const root = new Field(
    parseJsonDocument(text, METADATA_KEYS.checkpoint, 'invalid-checkpoint'),
    METADATA_KEYS.checkpoint,
    'invalid-checkpoint',
  );
  const optimizer = root.get('optimizer');
  const slotsField = optimizer.get('slots');
  const slots: Record<string, string[]> = {};
  for (const name of slotsField.keys()) slots[name] = slotsField.get(name).stringArray();

  return {
    step: root.get('step').integer(0),
    epoch: root.get('epoch').integer(0),
    randomStateTensor: root.get('randomStateTensor').string(),
    optimizer: {
      name: optimizer.get('name').string(),
      step: optimizer.get('step').integer(0),
      slots,
    },
  };
}

function checkVersion(text: string | undefined): number {
  if (text === undefined || !/^[1-9][0-9]{0,8}$/.test(text)) {
    throw schemaError(
      `__metadata__.${METADATA_KEYS.version} is ${text === undefined ? 'missing' : JSON.stringify(text)}; expected a positive integer such as "${FORMAT_VERSION}".`,
    );
  }
  const version = Number(text);
  if (version > FORMAT_VERSION) {
    throw new ModelFormatError(
      'unsupported-version',
      `The model file uses scratchnet format version ${version}, but this reader supports versions up to ${FORMAT_VERSION}. Upgrade @scratchnet/model-format to read it.`,
    );
  }
  return version;
}

function parseJsonDocument(
  text: string | undefined,
  key: string,
  code: SchemaErrorCode = 'invalid-schema',
): unknown {
  if (text === undefined)
    throw schemaError(
      `__metadata__.${key} is missing; every scratchnet model stores its description there.`,
    );
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw schemaError(`__metadata__.${key} is not valid JSON (${(error as Error).message}).`, {
      cause: error,
      code,
    });
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined)
    throw schemaError(
      `__metadata__.${key} contains the key ${JSON.stringify(duplicate.key)} twice in one object.`,
      { code },
    );
  return document;
}

function checkArchitecture(field: Field): Architecture {
  const sizes = field.get('sizes').array((size) => size.integer(1));
  if (sizes.length < 2)
    throw schemaError(
      `${field.path}.sizes has ${sizes.length} entries; a network needs an input size and at least one layer.`,
    );

  const activations = field.get('activations').stringArray();
  if (activations.length !== sizes.length - 1) {
    throw schemaError(
      `${field.path}.activations has ${activations.length} entries, but sizes [${sizes.join(', ')}] describe ${sizes.length - 1} layers.`,
    );
  }

  const inputShape = field.get('inputShape').array((size) => size.integer(1));
  if (inputShape.length !== 2 || inputShape[0] * inputShape[1] !== sizes[0]) {
    throw schemaError(
      `${field.path}.inputShape is [${inputShape.join(', ')}]; expected [rows, cols] with rows × cols = ${sizes[0]} inputs.`,
    );
  }
  return { sizes, activations, inputShape: inputShape as [number, number] };
}

function checkPreprocessing(field: Field): Preprocessing {
  const centering = field.get('centering').string();
  if (centering !== 'mnist' && centering !== 'none')
    throw schemaError(
      `${field.path}.centering is ${JSON.stringify(centering)}; expected "mnist" or "none".`,
    );
  const polarity = field.get('polarity').string();
  if (polarity !== 'light-on-dark')
    throw schemaError(
      `${field.path}.polarity is ${JSON.stringify(polarity)}; expected "light-on-dark".`,
    );

  return {
    pixelScale: field.get('pixelScale').finiteNumber(),
    polarity,
    centering,
    digitBoxSize: field.get('digitBoxSize').integer(1),
  };
}

function checkTrainingRecord(field: Field): TrainingRecord {
  const record: TrainingRecord = {
    options: field.get('options').object(),
    seed: field.get('seed').finiteNumber(),
    scratchnetVersion: field.get('scratchnetVersion').string(),
    date: field.get('date').string(),
  };
  const preset = field.optional('preset');
  if (preset !== undefined) record.preset = preset.string();
  const steps = field.optional('steps');
  if (steps !== undefined) record.steps = steps.integer(0);
  const epochs = field.optional('epochs');
  if (epochs !== undefined) record.epochs = epochs.integer(0);
  const milliseconds = field.optional('milliseconds');
  if (milliseconds !== undefined) record.milliseconds = milliseconds.finiteNumber();
  const backend = field.optional('backend');
  if (backend !== undefined) record.backend = backend.string();

  const metrics = field.optional('metrics');
  if (metrics !== undefined) {
    record.metrics = {};
    for (const name of metrics.keys()) record.metrics[name] = metrics.get(name).finiteNumber();
  }
  const dataset = field.optional('dataset');
  if (dataset !== undefined) {
    record.dataset = { name: dataset.get('name').string() };
    const sha256 = dataset.optional('sha256');
    if (sha256 !== undefined) record.dataset.sha256 = sha256.string();
  }
  return record;
}

type SchemaErrorCode = 'invalid-schema' | 'invalid-checkpoint';

function schemaError(
  message: string,
  options: { cause?: unknown; code?: SchemaErrorCode } = {},
): ModelFormatError {
  const { cause, code = 'invalid-schema' } = options;
  const prefix =
    code === 'invalid-checkpoint'
      ? 'Invalid checkpoint description'
      : 'Invalid scratchnet metadata';
  return new ModelFormatError(
    code,
    `${prefix}: ${message}`,
    cause === undefined ? undefined : { cause },
  );
}

/** A JSON value with its path in the document, and typed accessors that throw with that path. */
class Field {
  constructor(
    readonly value: unknown,
    readonly path: string,
    readonly code: SchemaErrorCode = 'invalid-schema',
  ) {}

  get(key: string): Field {
    const object = this.object();
    if (!Object.hasOwn(object, key))
      throw schemaError(`${this.path}.${key} is missing.`, { code: this.code });
    return new Field(object[key], `${this.path}.${key}`, this.code);
  }

  optional(key: string): Field | undefined {
    const object = this.object();
    return Object.hasOwn(object, key) && object[key] !== null
      ? new Field(object[key], `${this.path}.${key}`, this.code)
      : undefined;
  }

  keys(): string[] {
    return Object.keys(this.object());
  }

  object(): Record<string, unknown> {
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value))
      throw this.mismatch('an object');
    return this.value as Record<string, unknown>;
  }

  array<T>(checkElement: (element: Field) => T): T[] {
    if (!Array.isArray(this.value)) throw this.mismatch('an array');
    return this.value.map((element, index) =>
      checkElement(new Field(element, `${this.path}[${index}]`, this.code)),
    );
  }

  string(): string {
    if (typeof this.value !== 'string') throw this.mismatch('a string');
    return this.value;
  }

  stringArray(): string[] {
    return this.array((element) => element.string());
  }

  finiteNumber(): number {
    if (typeof this.value !== 'number' || !Number.isFinite(this.value))
      throw this.mismatch('a finite number');
    return this.value;
  }

  integer(minimum: number): number {
    if (typeof this.value !== 'number' || !Number.isSafeInteger(this.value) || this.value < minimum)
      throw this.mismatch(`an integer >= ${minimum}`);
    return this.value;
  }

  sha256(): string {
    const text = this.string();
    if (!/^[0-9a-f]{64}$/.test(text))
      throw this.mismatch('64 lowercase hexadecimal digits (a SHA-256)');
    return text;
  }

  private mismatch(expected: string): ModelFormatError {
    const found = JSON.stringify(this.value)?.slice(0, 60) ?? String(this.value);
    return schemaError(`${this.path} is ${found}; expected ${expected}.`, { code: this.code });
  }
}
