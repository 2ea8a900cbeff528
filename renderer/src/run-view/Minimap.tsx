import { type PointerEvent, type RefObject, useEffect, useRef, useState } from 'react';
import type { StepKind } from '../../../shared/domain/step';
import { STEP_KINDS } from '../../../shared/domain/step';
import { minimapBars, minimapRowHeight, scrollTopForMinimapY, viewportBand } from './minimap-geometry';
import type { StepRow } from './step-rows';

interface MinimapProps {
  rows: readonly StepRow[];
  /** The tree's scrolling element. */
  scrollRef: RefObject<HTMLDivElement | null>;
  rowHeightPx: number;
  headerHeightPx: number;
}

interface ScrollView {
  top: number;
  clientHeight: number;
}

/**
 * The whole waterfall in a thin strip beside the tree, drawn on one <canvas> (a few elements
 * however long the run): bars coloured by kind, errors marked at the edge, and a band over the
 * rows on screen. Click or drag to scroll the tree there.
 */
export function Minimap({ rows, scrollRef, rowHeightPx, headerHeightPx }: MinimapProps) {
  const stripRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [view, setView] = useState<ScrollView>({ top: 0, clientHeight: 0 });

  useEffect(() => {
    const strip = stripRef.current;
    if (!strip) return;
    const observer = new ResizeObserver(() => {
      setSize({ width: strip.clientWidth, height: strip.clientHeight });
    });
    observer.observe(strip);
    return () => {
      observer.disconnect();
    };
  }, []);

  // Follow the tree's scrolling, once per frame.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setView({ top: scroller.scrollTop, clientHeight: scroller.clientHeight });
    };
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(read);
    };
    read();
    scroller.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [scrollRef]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0 || size.height === 0) return;
    drawBars(canvas, rows, size.width, size.height);
  }, [rows, size]);

  const visibleRowCount = Math.max(1, (view.clientHeight - headerHeightPx) / rowHeightPx);
  const band = viewportBand(rows.length, view.top / rowHeightPx, visibleRowCount, size.height);
  const contentHeight = rows.length * minimapRowHeight(rows.length, size.height);

  const scrollTo = (event: PointerEvent<HTMLDivElement>) => {
    const scroller = scrollRef.current;
    const strip = stripRef.current;
    if (!scroller || !strip) return;
    const y = event.clientY - strip.getBoundingClientRect().top;
    scroller.scrollTop = scrollTopForMinimapY(y, rows.length, size.height, rowHeightPx, visibleRowCount);
  };

  return (
    <div
      ref={stripRef}
      className="minimap"
      data-testid="minimap"
      data-rows={rows.length}
      role="presentation"
      title="Overview of the whole run: click or drag to scroll"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        scrollTo(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) scrollTo(event);
      }}
    >
      <canvas ref={canvasRef} className="minimap__canvas" style={{ width: size.width, height: size.height }} />
      {contentHeight > 0 && (
        <div
          className="minimap__viewport"
          data-testid="minimap-viewport"
          style={{ transform: `translateY(${String(band.y)}px)`, height: band.height }}
        />
      )}
    </div>
  );
}

const ERROR_MARK_PX = 4;

function drawBars(canvas: HTMLCanvasElement, rows: readonly StepRow[], width: number, height: number): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const style = getComputedStyle(canvas);
  const colors = kindColors(style);
  const errorColor = style.getPropertyValue('--bar-error').trim() || '#e03131';
  const trackWidth = width - ERROR_MARK_PX - 2;
  const bars = minimapBars(rows, trackWidth, height);
  for (const kind of STEP_KINDS) {
    ctx.fillStyle = colors[kind];
    for (const bar of bars) if (bar.kind === kind) ctx.fillRect(bar.x, bar.y, bar.width, bar.height);
  }
  ctx.fillStyle = errorColor;
  for (const bar of bars) {
    if (!bar.error) continue;
    ctx.fillRect(bar.x, bar.y, bar.width, bar.height);
    ctx.fillRect(width - ERROR_MARK_PX, bar.y, ERROR_MARK_PX, Math.max(2, bar.height));
  }
}

function kindColors(style: CSSStyleDeclaration): Record<StepKind, string> {
  const colors = {} as Record<StepKind, string>;
  for (const kind of STEP_KINDS) colors[kind] = style.getPropertyValue(`--kind-${kind}`).trim() || '#888';
  return colors;
}
