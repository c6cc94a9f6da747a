/** Generated illustrations for the demo stories: abstract shapes from a seed, drawn as SVG and rasterised by sharp. */
import sharp from 'sharp';

function random(seed: number): () => number {
  let state = seed * 2654435761 % 4294967296 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) % 10000) / 10000;
  };
}

export async function illustration(seed: number, width = 1600, height = 900): Promise<Buffer> {
  const rand = random(seed);
  const hue = Math.floor(rand() * 360);
  const shapes: string[] = [];
  for (let i = 0; i < 14; i++) {
    const h = (hue + Math.floor(rand() * 90) - 45 + 360) % 360;
    const fill = `hsl(${h} ${40 + Math.floor(rand() * 40)}% ${30 + Math.floor(rand() * 45)}%)`;
    const opacity = (0.35 + rand() * 0.5).toFixed(2);
    if (rand() < 0.5) {
      shapes.push(`<circle cx="${Math.floor(rand() * width)}" cy="${Math.floor(rand() * height)}" r="${Math.floor(60 + rand() * 320)}" fill="${fill}" opacity="${opacity}"/>`);
    } else {
      const x = Math.floor(rand() * width);
      const y = Math.floor(rand() * height);
      shapes.push(`<rect x="${x}" y="${y}" width="${Math.floor(80 + rand() * 600)}" height="${Math.floor(40 + rand() * 300)}" fill="${fill}" opacity="${opacity}" transform="rotate(${Math.floor(rand() * 60 - 30)} ${x} ${y})"/>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 35% 88%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 45% 62%)"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>${shapes.join('')}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}
