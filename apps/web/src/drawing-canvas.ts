// Freehand drawing surface for one digit: dark ink on a white background, driven by pointer
// events (mouse, touch and pen), with a backing store sized to the device pixel ratio so strokes
// stay sharp at 1x, 2x and 3x.

/** A point in CSS pixels relative to the canvas content box. */
interface Point {
  x: number;
  y: number;
}

export interface DrawingCanvasCallbacks {
  /** Called after any change of the drawing (a stroke segment or a clear). */
  onChange(): void;
  /** Called when a stroke ends, which is the moment to announce a prediction. */
  onStrokeEnd(): void;
}

/**
 * Stroke width as a fraction of the canvas width. A digit drawn at about two thirds of the canvas
 * height then ends up with strokes about 2 pixels wide once it is scaled into MNIST's 20×20 box.
 */
const STROKE_WIDTH_FRACTION = 1 / 14;
const INK = '#000000';
const PAPER = '#ffffff';

export class DrawingCanvas {
  private readonly context: CanvasRenderingContext2D;
  /** Every stroke in CSS pixels, kept so that a resize or DPR change can redraw them sharply. */
  private readonly strokes: Point[][] = [];
  private activePointerId: number | null = null;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly callbacks: DrawingCanvasCallbacks,
  ) {
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context === null) throw new Error('The drawing canvas has no 2D context; this browser cannot draw digits.');
    this.context = context;

    canvas.addEventListener('pointerdown', (event) => this.handlePointerDown(event));
    canvas.addEventListener('pointermove', (event) => this.handlePointerMove(event));
    canvas.addEventListener('pointerup', (event) => this.handlePointerEnd(event));
    canvas.addEventListener('pointercancel', (event) => this.handlePointerEnd(event));
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.watchDevicePixelRatio();
    this.resize();
  }

  /** True when no stroke has been drawn since the last clear. */
  get isEmpty(): boolean {
    return this.strokes.length === 0;
  }

  /** Erases every stroke. */
  clear(): void {
    this.strokes.length = 0;
    this.activePointerId = null;
    this.redraw();
    this.callbacks.onChange();
  }

  /** Returns the backing store's RGBA pixels, [height, width, 4]. */
  imageData(): ImageData {
    return this.context.getImageData(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Sizes the backing store to the displayed size times the device pixel ratio, then redraws. */
  private resize(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(this.canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(this.canvas.clientHeight * ratio));
    if (width === this.canvas.width && height === this.canvas.height) return;
    this.canvas.width = width;
    this.canvas.height = height;
    this.redraw();
    this.callbacks.onChange();
  }

  /** Resizes again whenever the page moves to a screen with another pixel ratio, or zooms. */
  private watchDevicePixelRatio(): void {
    const query = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    query.addEventListener(
      'change',
      () => {
        this.resize();
        this.watchDevicePixelRatio();
      },
      { once: true },
    );
  }

  private redraw(): void {
    const { context, canvas } = this;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = PAPER;
    context.fillRect(0, 0, canvas.width, canvas.height);
    for (const stroke of this.strokes) {
      this.drawSegment(stroke[0], stroke[0]);
      for (let i = 1; i < stroke.length; i++) this.drawSegment(stroke[i - 1], stroke[i]);
    }
  }

  /** Draws a round-capped line from `from` to `to` (a dot when they are equal). */
  private drawSegment(from: Point, to: Point): void {
    const { context, canvas } = this;
    const scale = canvas.width / Math.max(1, canvas.clientWidth);
    context.setTransform(scale, 0, 0, scale, 0, 0);
    context.strokeStyle = INK;
    context.lineWidth = canvas.clientWidth * STROKE_WIDTH_FRACTION;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    if (from.x === to.x && from.y === to.y) {
      // A zero-length line draws nothing in some browsers, so a tap is drawn as a filled disc.
      context.fillStyle = INK;
      context.arc(from.x, from.y, context.lineWidth / 2, 0, 2 * Math.PI);
      context.fill();
      return;
    }
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  }

  /** Maps a pointer event to CSS pixels inside the canvas content box (the border excluded). */
  private pointFromEvent(event: PointerEvent): Point {
    const rect = this.canvas.getBoundingClientRect();
    return {
      x: event.clientX - rect.left - this.canvas.clientLeft,
      y: event.clientY - rect.top - this.canvas.clientTop,
    };
  }

  private handlePointerDown(event: PointerEvent): void {
    // One stroke at a time: a second finger or a right click does not draw.
    if (this.activePointerId !== null || event.button !== 0) return;
    event.preventDefault();
    this.activePointerId = event.pointerId;
    this.canvas.setPointerCapture(event.pointerId);
    const point = this.pointFromEvent(event);
    this.strokes.push([point]);
    this.drawSegment(point, point);
    this.callbacks.onChange();
  }

  private handlePointerMove(event: PointerEvent): void {
    if (event.pointerId !== this.activePointerId) return;
    event.preventDefault();
    const stroke = this.strokes[this.strokes.length - 1];
    // Coalesced events carry the intermediate positions of fast strokes that one frame merged.
    const events = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
    for (const sample of events.length > 0 ? events : [event]) {
      const point = this.pointFromEvent(sample);
      this.drawSegment(stroke[stroke.length - 1], point);
      stroke.push(point);
    }
    this.callbacks.onChange();
  }

  private handlePointerEnd(event: PointerEvent): void {
    if (event.pointerId !== this.activePointerId) return;
    this.activePointerId = null;
    if (this.canvas.hasPointerCapture(event.pointerId)) this.canvas.releasePointerCapture(event.pointerId);
    this.callbacks.onStrokeEnd();
  }
}
