import { containsCell, covers, overlaps, type Rect } from "./geometry";

export interface Layer<T> {
  readonly rect: Rect;
  readonly value: T;
}

/**
 * One cell format property (number format, locked, fill, bold) over a sheet,
 * kept as the rectangles it was set on, newest last: the last one that contains
 * a cell wins, as in Excel where setting a format overwrites it in every cell of
 * the range. A whole-column format is then one entry, not a million cells.
 */
export class FormatLayers<T> {
  private layers: Layer<T>[] = [];

  constructor(readonly fallback: T) {}

  set(rect: Rect, value: T): void {
    // A new layer hides every older one it covers entirely; drop those so lookups stay short.
    this.layers = this.layers.filter((layer) => !covers(rect, layer.rect));
    this.layers.push({ rect, value });
  }

  at(row: number, column: number): T {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      if (containsCell(this.layers[i].rect, row, column)) return this.layers[i].value;
    }
    return this.fallback;
  }

  /** The value every cell of `rect` has, or undefined when it varies. */
  uniform(rect: Rect): { readonly value: T } | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      if (!overlaps(layer.rect, rect)) continue;
      return covers(layer.rect, rect) ? { value: layer.value } : undefined;
    }
    return { value: this.fallback };
  }

  reset(): void {
    this.layers = [];
  }

  toJSON(): Layer<T>[] {
    return this.layers.map((layer) => ({ rect: { ...layer.rect }, value: layer.value }));
  }

  static from<T>(fallback: T, layers: readonly Layer<T>[]): FormatLayers<T> {
    const result = new FormatLayers(fallback);
    result.layers = layers.map((layer) => ({ rect: { ...layer.rect }, value: layer.value }));
    return result;
  }
}
