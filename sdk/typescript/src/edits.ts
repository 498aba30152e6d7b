// The edit model of SPEC §4, mirrored from the C++ core (shared/include/immagin/edit.h and
// shared/src/edit_parser.cc). An edit is an object with exactly one member, named after the
// edit: `{ resize: { width: 800 } }`, `{ blur: 5 }`, `{ flip: true }`, `{ autoOrient: false }`.
// Luna validates every value and answers 400 naming the field; these types catch the same
// mistakes at compile time where TypeScript can.

/** A CSS colour: `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(…)`, or a CSS name such as `white`. */
export type Color = string

export type Fit = 'cover' | 'contain' | 'fill' | 'inside' | 'outside'

export type ResizePosition =
  | 'top'
  | 'right'
  | 'bottom'
  | 'left'
  | 'center'
  | 'entropy'
  | 'attention'

export type TextPosition =
  | 'top-left'
  | 'top-center'
  | 'top-right'
  | 'center-left'
  | 'center'
  | 'center-right'
  | 'bottom-left'
  | 'bottom-center'
  | 'bottom-right'

/** A point of the image as fractions of its width and height, each 0–1. */
export interface FocalPoint {
  x: number
  y: number
}

export interface ResizeOptions {
  /** Target width in pixels (1–16384). */
  width: number
  /** Target height in pixels; proportional to `width` when omitted. */
  height?: number
  /** Default `'cover'`. */
  fit?: Fit
  /**
   * Where `cover` crops from: a named side or smart crop, or a focal point `{ x, y }`
   * (fractions 0–1 of the image) that the crop keeps as central as it can. Default `'center'`.
   */
  position?: ResizePosition | FocalPoint
  /** The bars of `fit: 'contain'`. Default black. */
  background?: Color
  /** Allow making small images larger. Default `false`. */
  upscale?: boolean
  /** Allow making large images smaller. Default `true`. */
  downscale?: boolean
  /**
   * Device pixel ratio, 1–4: `width` and `height` are CSS pixels and the image comes out
   * `dpr` times larger, within the output limits (never past the original without `upscale`).
   * Default 1.
   */
  dpr?: number
}

export interface RotateOptions {
  /** Degrees clockwise, any value. */
  angle: number
  /** Fill for the uncovered area. Default black. */
  background?: Color
}

export interface CropOptions {
  left: number
  top: number
  width: number
  height: number
}

export interface ExtendOptions {
  top?: number
  bottom?: number
  left?: number
  right?: number
  /** Default black. */
  background?: Color
}

export interface TrimOptions {
  /** The colour to trim. Default: the top-left pixel. */
  background?: Color
  /** Tolerance, 0–255. Default 10. */
  threshold?: number
}

export interface SigmaOptions {
  sigma: number
}

export interface ModulateOptions {
  /** Multiplier. Default 1. */
  brightness?: number
  /** Multiplier. Default 1. */
  saturation?: number
  /** Degrees. Default 0. */
  hue?: number
  /** Added to L*. Default 0. */
  lightness?: number
}

export interface TintOptions {
  r: number
  g: number
  b: number
}

export interface NormalizeOptions {
  /** Percentile mapped to black. Default 1. */
  lower?: number
  /** Percentile mapped to white. Default 99. */
  upper?: number
}

export interface FlattenOptions {
  /** Default white. */
  background?: Color
}

export interface TextOptions {
  text: string
  /** Pixels. Default 32. */
  fontSize?: number
  /** Default white. */
  color?: Color
  /** 0–1. Default 1. */
  opacity?: number
  /** Default `'bottom-right'`. */
  position?: TextPosition
  /** Pixels. Default 16. */
  padding?: number
}

export interface ImageLayerOptions {
  /** Another original of the same project (a logo, a watermark); a missing one is a 404. */
  key: string
  /** Default `'bottom-right'`. */
  position?: TextPosition
  /** Pixels; default the overlay's own width, never wider than the image under it. */
  width?: number
  /** 0–1. Default 1. */
  opacity?: number
  /** Pixels. Default 16. */
  padding?: number
}

/** Every edit by name, with the value it takes. */
export interface EditOptions {
  resize: ResizeOptions
  rotate: RotateOptions
  /** Mirror vertically. */
  flip: boolean
  /** Mirror horizontally. */
  flop: boolean
  crop: CropOptions
  extend: ExtendOptions
  /** `true` trims with the defaults. */
  trim: boolean | TrimOptions
  /** Gaussian blur sigma, 0.3–1000. */
  blur: number | SigmaOptions
  /** Sharpen sigma, 0.01–10 (1–2 subtle, 3–5 strong). */
  sharpen: number | SigmaOptions
  grayscale: boolean
  modulate: ModulateOptions
  tint: TintOptions
  invert: boolean
  /** `true` normalizes with the defaults (1 / 99). */
  normalize: boolean | NormalizeOptions
  /** `true` flattens onto white. */
  flatten: boolean | FlattenOptions
  /** A text layer; text layers are composited after every other edit. */
  text: TextOptions
  /** An image layer (at most 4 per URL); layers are composited last, in array order. */
  image: ImageLayerOptions
  /** EXIF auto-orientation runs first unless `{ autoOrient: false }` is given. */
  autoOrient: boolean
}

export type EditName = keyof EditOptions

/** An edit object with exactly the member `K`: naming a second edit is a type error. */
export type EditOf<K extends EditName> = { [P in K]: EditOptions[P] } & {
  [P in Exclude<EditName, K>]?: never
}

export type ResizeEdit = EditOf<'resize'>
export type RotateEdit = EditOf<'rotate'>
export type FlipEdit = EditOf<'flip'>
export type FlopEdit = EditOf<'flop'>
export type CropEdit = EditOf<'crop'>
export type ExtendEdit = EditOf<'extend'>
export type TrimEdit = EditOf<'trim'>
export type BlurEdit = EditOf<'blur'>
export type SharpenEdit = EditOf<'sharpen'>
export type GrayscaleEdit = EditOf<'grayscale'>
export type ModulateEdit = EditOf<'modulate'>
export type TintEdit = EditOf<'tint'>
export type InvertEdit = EditOf<'invert'>
export type NormalizeEdit = EditOf<'normalize'>
export type FlattenEdit = EditOf<'flatten'>
export type TextEdit = EditOf<'text'>
export type ImageLayerEdit = EditOf<'image'>
export type AutoOrientEdit = EditOf<'autoOrient'>

export type Edit =
  | ResizeEdit
  | RotateEdit
  | FlipEdit
  | FlopEdit
  | CropEdit
  | ExtendEdit
  | TrimEdit
  | BlurEdit
  | SharpenEdit
  | GrayscaleEdit
  | ModulateEdit
  | TintEdit
  | InvertEdit
  | NormalizeEdit
  | FlattenEdit
  | TextEdit
  | ImageLayerEdit
  | AutoOrientEdit

/** One edit, or a list applied in order. */
export type Edits = Edit | readonly Edit[]

/** `'thumbhash'` answers the variant's ThumbHash placeholder as JSON (see `images.placeholder`). */
export type OutputFormat = 'webp' | 'jpeg' | 'png' | 'avif' | 'gif' | 'jp2' | 'tiff' | 'heif' | 'auto' | 'thumbhash'

export interface OutputOptions {
  /** Default `'webp'`; `'auto'` picks AVIF, WebP or JPEG/PNG from the request's Accept header. */
  format?: OutputFormat
  /** 1–100. Default 90. */
  quality?: number
  /** JPEG and PNG. */
  progressive?: boolean
  /** WebP and AVIF. */
  lossless?: boolean
  /** `false`: only the first frame of an animated original. Default `true` (WebP, GIF). */
  animated?: boolean
  /** HEIF: `'av1'` (default, every edge) or `'hevc'` (where the edge has an HEVC encoder, else 415). */
  compression?: 'av1' | 'hevc'
}
