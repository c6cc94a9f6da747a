import sharp from 'sharp';
const [,, file, top, height, out, scale] = process.argv;
const img = sharp(file);
const m = await img.metadata();
const h = Math.min(Number(height), m.height - Number(top));
let p = sharp(file).extract({ left: 0, top: Number(top), width: m.width, height: h });
if (scale) p = p.resize({ width: Math.round(m.width * Number(scale)) });
await p.png().toFile(out);
console.log(m.width, m.height);
