// Many small vectors cut out of a few large typed arrays. One ArrayBuffer per sentence vector
// (four or five per sentence) made allocation and the garbage collector the largest set-up cost of
// an alignment; views into shared chunks cost a small object each.

/** Hands out zero-filled views of `chunk`-sized arrays made by `make`, a new chunk when one is full. */
export class Slab<T extends Float32Array | Uint16Array> {
  private buf: T;
  private used = 0;

  constructor(
    private readonly make: (length: number) => T,
    private readonly chunk: number,
  ) {
    this.buf = make(0);
  }

  take(length: number): T {
    if (this.used + length > this.buf.length) {
      this.buf = this.make(Math.max(length, this.chunk));
      this.used = 0;
    }
    const view = this.buf.subarray(this.used, this.used + length) as T;
    this.used += length;
    return view;
  }
}
