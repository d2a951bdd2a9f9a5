/**
 * A minimal protocol-buffers reader for the OSM PBF messages: varints (64-bit values kept exact
 * up to 2^53, which covers every OSM id and coordinate), zigzag, length-delimited fields and
 * packed repeated fields. Reading past the message end throws ProtoError, which the PBF decoder
 * turns into an OsmImportError naming the blob.
 */
export class ProtoError extends Error {}

export const WireType = { Varint: 0, Fixed64: 1, Bytes: 2, Fixed32: 5 } as const;

export class ProtoReader {
  readonly buf: Uint8Array;
  pos: number;
  end: number;
  /** Field number and wire type of the last tag read by next(). */
  field = 0;
  wire = 0;

  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  /** Advance to the next field; false at the end of the message. */
  next(): boolean {
    if (this.pos >= this.end) return false;
    const tag = this.varint();
    this.field = tag >>> 3;
    this.wire = tag & 7;
    if (this.field === 0) throw new ProtoError('field number 0');
    return true;
  }

  /** Unsigned varint. Hot: the first four bytes take the bit-operation path. */
  varint(): number {
    const buf = this.buf;
    let p = this.pos;
    let b = buf[p++];
    let v = b & 0x7f;
    if (b < 0x80) return this.at(p, v);
    b = buf[p++];
    v |= (b & 0x7f) << 7;
    if (b < 0x80) return this.at(p, v);
    b = buf[p++];
    v |= (b & 0x7f) << 14;
    if (b < 0x80) return this.at(p, v);
    b = buf[p++];
    v |= (b & 0x7f) << 21;
    if (b < 0x80) return this.at(p, v);
    // Beyond 28 bits: continue in floating point (exact below 2^53).
    let mul = 0x10000000;
    for (let i = 4; i < 10; i++) {
      b = buf[p++];
      if (b === undefined) throw new ProtoError('varint runs past the end of the data');
      v += (b & 0x7f) * mul;
      if (b < 0x80) {
        // Ten-byte varints are negative int64 values in two's complement.
        return this.at(p, i === 9 || v >= 2 ** 63 ? v - 2 ** 64 : v);
      }
      mul *= 128;
    }
    throw new ProtoError('varint longer than 10 bytes');
  }

  private at(p: number, v: number): number {
    if (p > this.end) throw new ProtoError('varint runs past the end of the message');
    this.pos = p;
    return v;
  }

  /** Zigzag-decoded signed varint (sint32/sint64). */
  svarint(): number {
    const v = this.varint();
    // Arithmetic, not bit operations: values may exceed 32 bits.
    return v % 2 === 1 ? -(v + 1) / 2 : v / 2;
  }

  /** A length-delimited field: returns its [start, end) and moves past it. */
  bytes(): [number, number] {
    const len = this.varint();
    const start = this.pos;
    const end = start + len;
    if (end > this.end) throw new ProtoError(`a field of ${len} bytes runs past the end of the message`);
    this.pos = end;
    return [start, end];
  }

  /** A sub-reader over a length-delimited field. */
  message(): ProtoReader {
    const [s, e] = this.bytes();
    return new ProtoReader(this.buf, s, e);
  }

  /** Skip the value of the current field. */
  skip(): void {
    switch (this.wire) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Fixed64:
        this.pos += 8;
        break;
      case WireType.Bytes:
        this.bytes();
        return;
      case WireType.Fixed32:
        this.pos += 4;
        break;
      default:
        throw new ProtoError(`unknown wire type ${this.wire} (field ${this.field})`);
    }
    if (this.pos > this.end) throw new ProtoError('a fixed-size field runs past the end of the message');
  }

  /**
   * Read a repeated integer field (packed or not) into out, zigzag-decoded if signed, and
   * delta-decoded if delta (running sums, as DenseNodes and way refs store them).
   */
  repeated(out: number[], signed: boolean, delta: boolean): void {
    let acc = 0;
    const one = () => {
      const v = signed ? this.svarint() : this.varint();
      acc = delta ? acc + v : v;
      out.push(acc);
    };
    if (this.wire !== WireType.Bytes) {
      one();
      return;
    }
    const [start, end] = this.bytes();
    const saveEnd = this.end;
    this.pos = start; // read the packed payload, then continue after it
    this.end = end;
    while (this.pos < end) one();
    this.end = saveEnd;
  }
}
