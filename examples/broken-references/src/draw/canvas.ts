export function draw(width: number, height: number): string {
  return `${width}x${height}`;
}
