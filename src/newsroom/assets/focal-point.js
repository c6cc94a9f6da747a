// Media library: a click on the picture sets the focal point fields; the marker and the 3:2 crop preview follow them.
// The fields work without this script. Positions are set through the CSSOM (the CSP allows no style attributes).
const picker = document.querySelector('[data-focal-picker]');
const fieldX = document.querySelector('[data-focal-x]');
const fieldY = document.querySelector('[data-focal-y]');
const marker = document.querySelector('[data-focal-marker]');
const preview = document.querySelector('[data-crop-preview]');

function percent(input) {
  const value = Number(String(input.value).trim().replace(/%$/, ''));
  return input.value.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
}

function show() {
  const x = percent(fieldX);
  const y = percent(fieldY);
  if (x === null || y === null) {
    marker.hidden = true;
    preview?.style.removeProperty('object-position');
    return;
  }
  marker.hidden = false;
  marker.style.left = `${x}%`;
  marker.style.top = `${y}%`;
  preview?.style.setProperty('object-position', `${x}% ${y}%`);
}

if (picker && fieldX && fieldY && marker) {
  picker.addEventListener('click', (event) => {
    const box = picker.querySelector('img').getBoundingClientRect();
    fieldX.value = String(Math.round(Math.min(100, Math.max(0, ((event.clientX - box.left) / box.width) * 100))));
    fieldY.value = String(Math.round(Math.min(100, Math.max(0, ((event.clientY - box.top) / box.height) * 100))));
    show();
  });
  fieldX.addEventListener('input', show);
  fieldY.addEventListener('input', show);
  show();
}
