/**
 * The demo newsroom's author photos: flat illustrated portraits in the house style of the demo pictures (paper, navy
 * ink, red, ochre and teal), drawn as SVG and rasterised by sharp. Head and shoulders are centred, so the round crop
 * of a byline keeps the face.
 */
import sharp from 'sharp';

export interface Portrait {
  skin: string;
  hair: string;
  style: 'short' | 'long' | 'bun' | 'curly' | 'crop' | 'wavy';
  jacket: string;
  shirt: string;
  ground: string;
  band: string;
  glasses?: boolean;
  beard?: string;
}

const ink = '#1d2b3a';
const paper = '#efe7da';

/** One portrait per demo author, by slug; each differs in build, hair and palette so a byline row reads as people. */
export const demoPortraits: Record<string, Portrait> = {
  'mara-okafor': { skin: '#7a4a32', hair: '#1b1512', style: 'curly', jacket: '#c23b2e', shirt: paper, ground: '#e0a43a', band: '#eab95f', glasses: true },
  'tomas-lindqvist': { skin: '#efc9a8', hair: '#c99a4e', style: 'short', jacket: ink, shirt: '#b9cbd3', ground: '#2e6e6a', band: '#3d8580', beard: '#b88a45' },
  'priya-raman': { skin: '#a8704c', hair: '#17120f', style: 'long', jacket: '#2e6e6a', shirt: paper, ground: '#b9cbd3', band: '#cbd8de' },
  'daniel-achterberg': { skin: '#e8b995', hair: '#5a3b25', style: 'wavy', jacket: '#3f6f8f', shirt: paper, ground: '#e3d8c4', band: '#d6c7ab', glasses: true },
  'lucia-ferreira': { skin: '#c99470', hair: '#2a1a12', style: 'bun', jacket: ink, shirt: '#e0a43a', ground: '#c23b2e', band: '#cf5a4e' },
  'samuel-osei': { skin: '#5b3726', hair: '#2b2522', style: 'crop', jacket: '#6b4e2e', shirt: paper, ground: '#3f6f8f', band: '#55839f', beard: '#8f8a84' },
};

function shade(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const channel = (shift: number) => Math.max(0, Math.min(255, Math.round(((n >> shift) & 255) * (1 + amount))));
  return `#${[16, 8, 0].map((s) => channel(s).toString(16).padStart(2, '0')).join('')}`;
}

function hairBack(p: Portrait): string {
  if (p.style === 'long') return `<path d="M124 196 C112 100 160 80 200 80 C246 80 292 104 278 200 C284 250 292 300 300 340 L100 340 C110 300 118 250 124 196 Z" fill="${p.hair}"/>`;
  if (p.style === 'curly') {
    const curls: string[] = [];
    for (let i = 0; i < 14; i++) {
      const angle = Math.PI * (0.95 + (i / 13) * 1.1);
      const x = 200 + Math.cos(angle) * 84;
      const y = 178 + Math.sin(angle) * 96;
      curls.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${i % 2 ? 30 : 34}" fill="${p.hair}"/>`);
    }
    return curls.join('');
  }
  if (p.style === 'bun') return `<circle cx="200" cy="86" r="34" fill="${p.hair}"/>`;
  return '';
}

function hairFront(p: Portrait): string {
  switch (p.style) {
    case 'short':
      return `<path d="M136 178 C128 112 166 94 202 94 C242 94 276 114 266 178 C258 146 236 128 204 128 C176 128 150 142 136 178 Z" fill="${p.hair}"/>`;
    case 'wavy':
      return `<path d="M134 184 C122 110 170 90 204 92 C250 94 282 120 268 186 C262 156 250 140 236 134 C222 146 196 140 184 130 C170 144 150 150 134 184 Z" fill="${p.hair}"/>`;
    case 'long':
      return `<path d="M138 200 C130 120 168 100 204 100 C240 100 272 122 264 200 C254 160 236 132 214 124 C196 150 160 162 138 200 Z" fill="${p.hair}"/>`;
    case 'bun':
      return `<path d="M138 182 C132 116 170 100 202 100 C236 100 270 118 264 182 C254 146 232 126 200 126 C172 126 148 146 138 182 Z" fill="${p.hair}"/>`;
    case 'curly':
      return `<path d="M136 170 C138 122 170 104 202 104 C236 104 264 124 264 170 C246 146 226 136 200 136 C176 136 154 146 136 170 Z" fill="${p.hair}"/>`;
    case 'crop':
      return `<path d="M140 160 C146 118 174 106 202 106 C230 106 256 120 262 160 C246 138 226 130 202 130 C178 130 156 138 140 160 Z" fill="${p.hair}" opacity="0.92"/>`;
  }
}

export function portraitSvg(p: Portrait, size = 480): string {
  const skinShade = shade(p.skin, -0.18);
  const dots: string[] = [];
  for (let y = 20; y < 400; y += 16) for (let x = 20 + ((y / 16) % 2) * 8; x < 400; x += 16) dots.push(`<circle cx="${x}" cy="${y}" r="1.3"/>`);
  const glasses = p.glasses
    ? `<g fill="none" stroke="${ink}" stroke-width="4"><rect x="156" y="176" width="38" height="28" rx="10"/><rect x="206" y="176" width="38" height="28" rx="10"/><path d="M194 188 L206 188 M156 186 L140 182 M244 186 L260 182"/></g>`
    : '';
  const beard = p.beard
    ? `<path d="M146 206 C148 262 176 282 200 282 C224 282 252 262 254 206 C246 236 232 246 220 242 C210 238 190 238 180 242 C168 246 154 236 146 206 Z" fill="${p.beard}"/>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 400 400">
<rect width="400" height="400" fill="${p.ground}"/>
<path d="M0 300 L400 120 L400 220 L0 400 Z" fill="${p.band}"/>
<g fill="${ink}" opacity="0.08">${dots.join('')}</g>
${hairBack(p)}
<path d="M44 400 C52 326 118 296 200 296 C282 296 348 326 356 400 Z" fill="${p.jacket}"/>
<path d="M160 298 L200 360 L240 298 Z" fill="${p.shirt}"/>
<path d="M150 300 L200 372 L176 400 L128 400 Z M250 300 L200 372 L224 400 L272 400 Z" fill="${shade(p.jacket, -0.15)}" opacity="0.55"/>
<rect x="176" y="236" width="48" height="66" rx="18" fill="${skinShade}"/>
<ellipse cx="140" cy="196" rx="12" ry="18" fill="${skinShade}"/>
<ellipse cx="260" cy="196" rx="12" ry="18" fill="${skinShade}"/>
<ellipse cx="200" cy="190" rx="62" ry="78" fill="${p.skin}"/>
${beard}
${hairFront(p)}
<g fill="${ink}"><ellipse cx="176" cy="192" rx="5" ry="6"/><ellipse cx="224" cy="192" rx="5" ry="6"/></g>
<g fill="none" stroke="${ink}" stroke-linecap="round"><path d="M162 172 Q176 164 190 170" stroke-width="4"/><path d="M210 170 Q224 164 238 172" stroke-width="4"/>
<path d="M200 198 Q196 218 204 222" stroke="${skinShade}" stroke-width="4"/><path d="M184 240 Q200 250 216 240" stroke-width="4"/></g>
${glasses}
</svg>`;
}

/** A portrait as a JPEG, the way the media library stores an upload. */
export async function portrait(p: Portrait, size = 480): Promise<Buffer> {
  return sharp(Buffer.from(portraitSvg(p, size))).jpeg({ quality: 86, mozjpeg: true }).toBuffer();
}
