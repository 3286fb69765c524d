// The scratchnet schema carried in a safetensors header's __metadata__: what a reader
// needs to rebuild a network, feed it the right pixels and trust its weights.

/** Value of `__metadata__.format` in every scratchnet model file. */
export const FORMAT_NAME = 'scratchnet';

/** Schema version this package writes; readers accept this version and older ones. */
export const FORMAT_VERSION = 1;

/** Keys of `__metadata__` that scratchnet writes. All values are strings, as safetensors requires. */
export const METADATA_KEYS = {
  /** Always {@link FORMAT_NAME}. */
  format: 'format',
  /** The schema version as a decimal string, such as "1". */
  version: 'format_version',
  /** JSON of {@link ModelMetadata} without `format` and `version`. */
  model: 'scratchnet',
  /** JSON of the checkpoint description, present only in checkpoints. */
  checkpoint: 'scratchnet_checkpoint',
} as const;

/** Preprocessing that turns raw images into network inputs. */
export interface Preprocessing {
  /** Factor from 8-bit pixel values to inputs: 1/255, so inputs lie in [0, 1]. */
  pixelScale: number;
  /** Ink polarity of the training images: MNIST digits are light ink on a dark background. */
  polarity: 'light-on-dark';
  /**
   * Placement of user images before prediction. 'mnist' scales the digit's bounding box
   * into `digitBoxSize` pixels square, keeping its aspect ratio, then moves its centre of
   * mass to the centre of the input image, as the MNIST images were made.
   */
  centering: 'mnist' | 'none';
  /** Side of the box the digit is scaled into, in pixels (20 for MNIST). */
  digitBoxSize: number;
}

/** The preprocessing of MNIST images, written when the caller gives none. */
export const MNIST_PREPROCESSING: Readonly<Preprocessing> = {
  pixelScale: 1 / 255,
  polarity: 'light-on-dark',
  centering: 'mnist',
  digitBoxSize: 20,
};

/** The network's layout: dense layers with an activation module after each. */
export interface Architecture {
  /** Units per layer, inputs first: [784, 10, 10] is 784 inputs, 10 hidden units, 10 classes. */
  sizes: number[];
  /** Activation after each dense layer, in order; the last is always 'softmax'. */
  activations: string[];
  /** [rows, cols] of an input image; rows × cols equals sizes[0]. */
  inputShape: [number, number];
}

/** Final metrics of a training run. Extra numeric metrics may be added. */
export interface TrainingMetrics {
  testAccuracy?: number;
  testLoss?: number;
  trainAccuracy?: number;
  trainLoss?: number;
  validationAccuracy?: number;
  validationLoss?: number;
  [name: string]: number | undefined;
}

/** Training record of a model, stored so a run can be repeated and compared. */
export interface TrainingRecord {
  /** Name of the preset the options started from. */
  preset?: string;
  /** Every training option, as given to the trainer. */
  options: Record<string, unknown>;
  seed: number;
  /** Optimizer steps taken. */
  steps?: number;
  /** Epochs completed. */
  epochs?: number;
  metrics?: TrainingMetrics;
  /** Training data: its name and the SHA-256 of its files. */
  dataset?: { name: string; sha256?: string };
  /** Version of scratchnet that trained the model. */
  scratchnetVersion: string;
  /** ISO 8601 date and time at which training finished. */
  date: string;
  /** Training time in milliseconds. */
  milliseconds?: number;
  /** Compute backend that ran the training, such as 'js'. */
  backend?: string;
}

/** Everything scratchnet stores about a model besides its tensors. */
export interface ModelMetadata {
  format: typeof FORMAT_NAME;
  version: number;
  architecture: Architecture;
  preprocessing: Preprocessing;
  /** Name of each output class, in output order. */
  classLabels: string[];
  training?: TrainingRecord;
  /** SHA-256 of the whole data section (every tensor's bytes), in lowercase hex. */
  tensorsSha256: string;
}

/** Description of a checkpoint's trainer state; the arrays themselves are tensors. */
export interface CheckpointMetadata {
  step: number;
  epoch: number;
  /** Name of the U32 tensor holding the trainer's random generator state. */
  randomStateTensor: string;
  optimizer: {
    name: string;
    step: number;
    /** For each optimizer slot (such as 'm' and 'v'), its F32 tensor names in order. */
    slots: Record<string, string[]>;
  };
}
