"""Whether every text of an SVG diagram fits, measured by the browser that shows it.

The rule, for each <text> with a non-empty box:
- its box is getBBox() in its own user space, mapped into the root <svg>'s user space (so
  transforms count), as the smallest axis-aligned rectangle holding the mapped corners;
- its enclosing shape is the smallest-area <rect> of the same <svg> (mapped the same way) that
  contains the centre of that box; with none, the <svg>'s viewport (its viewBox, else 0 0 width
  height);
- the text fits when its box lies within the enclosing shape and within the viewport, each edge
  allowed TOLERANCE px of overhang (anti-aliasing and rounding of glyph metrics).
So a label that runs out of its slot, or past the right edge of the picture, is reported; a title
above the slots, whose centre lies in no slot, is held to the picture's edges only.
"""

TOLERANCE = 0.5

# Defines window.maplabTextProblems(svg) -> ["text 'x' ... overflows ..."]; [] when all fit.
FIT_JS = r"""
window.maplabTextProblems = function (svg) {
  const TOL = %(tol)s;
  const toRoot = svg.getScreenCTM().inverse();
  function box(el) {
    const b = el.getBBox();
    const m = toRoot.multiply(el.getScreenCTM());
    const xs = [], ys = [];
    for (const [x, y] of [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height],
                          [b.x + b.width, b.y + b.height]]) {
      const p = new DOMPoint(x, y).matrixTransform(m);
      xs.push(p.x); ys.push(p.y);
    }
    const x0 = Math.min(...xs), y0 = Math.min(...ys);
    return {x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0};
  }
  const vb = svg.viewBox && svg.viewBox.baseVal;
  const viewport = vb && vb.width > 0 && vb.height > 0
    ? {x: vb.x, y: vb.y, w: vb.width, h: vb.height, what: "the picture"}
    : {x: 0, y: 0, w: svg.width.baseVal.value, h: svg.height.baseVal.value, what: "the picture"};
  const rects = [...svg.querySelectorAll("rect")].map(r => Object.assign(box(r), {what: "its rect"}))
    .filter(r => r.w > 0 && r.h > 0);
  const fmt = b => `(${b.x.toFixed(1)}, ${b.y.toFixed(1)}, ${b.w.toFixed(1)} x ${b.h.toFixed(1)})`;
  function overhang(t, s) {
    const sides = {left: s.x - t.x, top: s.y - t.y, right: (t.x + t.w) - (s.x + s.w),
                   bottom: (t.y + t.h) - (s.y + s.h)};
    return Object.entries(sides).filter(([, d]) => d > TOL)
      .map(([side, d]) => `${d.toFixed(1)} px on the ${side}`);
  }
  const problems = [];
  for (const text of svg.querySelectorAll("text")) {
    const t = box(text);
    if (t.w === 0 || t.h === 0) continue;
    const cx = t.x + t.w / 2, cy = t.y + t.h / 2;
    let shape = viewport;
    for (const r of rects) {
      if (cx >= r.x && cx <= r.x + r.w && cy >= r.y && cy <= r.y + r.h && r.w * r.h < shape.w * shape.h) {
        shape = r;
      }
    }
    const where = new Set([shape, viewport]);
    for (const s of where) {
      const over = overhang(t, s);
      if (over.length) {
        problems.push(`text '${text.textContent.trim().slice(0, 60)}' ${fmt(t)} overflows ${s.what} `
                      + `${fmt(s)} by ${over.join(", ")}`);
      }
    }
  }
  return problems;
};

// The problems of an SVG given as source (what JupyterLab puts in an <img>'s data URI): the
// picture is parsed and laid out in this page, at its own size, then removed.
window.maplabSourceProblems = function (source) {
  const doc = new DOMParser().parseFromString(source, "image/svg+xml");
  const err = doc.querySelector("parsererror");
  if (err) return ["not an SVG: " + err.textContent.slice(0, 100)];
  const svg = document.importNode(doc.documentElement, true);
  const holder = document.createElement("div");
  holder.style.cssText = "position:absolute;left:0;top:0;";
  holder.appendChild(svg);
  document.body.appendChild(holder);
  try {
    return window.maplabTextProblems(svg);
  } finally {
    holder.remove();
  }
};
""" % {"tol": TOLERANCE}


def install(page):
    """Defines the checks in the page's current document (again after each navigation)."""
    page.evaluate(FIT_JS)


def source_problems(page, source):
    """The text-fit problems of one SVG given as source, laid out in page."""
    install(page)
    return page.evaluate("s => window.maplabSourceProblems(s)", source)
