/* annotator.js: runs in the isolated "clippings" script world of the
 * article view. Page scripts never see it (and never run at all).
 *
 * Every offset exchanged with C counts Unicode code points of the
 * article text, the textContent of #clip-article (DESIGN.md). JavaScript
 * strings count UTF-16 units, so this file converts at the boundary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
'use strict';

(function () {
  const CONTEXT = 32;
  const MAX_SELECTION = 100000;
  /* The reader's article, or the whole page of an original. */
  const root = document.getElementById('clip-article') || document.body;
  const isReader = document.getElementById('clip-article') !== null;

  function post(message) {
    window.webkit.messageHandlers.clip.postMessage(message);
  }

  function codePointLength(str) {
    let n = 0;
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      /* A high surrogate followed by a low one is a single code point. */
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff)
          i++;
      }
      n++;
    }
    return n;
  }

  /* The UTF-16 index of the code point at cp in str (clamped). */
  function utf16Index(str, cp) {
    let i = 0;
    while (cp > 0 && i < str.length) {
      const c = str.charCodeAt(i);
      i += (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) ? 2 : 1;
      cp--;
    }
    return i;
  }

  function sliceCodePoints(str, start, end) {
    return Array.from(str).slice(start, end).join('');
  }

  function textNodes() {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode())
      nodes.push(walker.currentNode);
    return nodes;
  }

  /* Code points of article text before the boundary (container, offset). */
  function offsetOf(container, offset) {
    const range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(container, offset);
    return codePointLength(range.toString());
  }

  function getSelection() {
    const selection = window.getSelection();
    if (!root || selection.rangeCount === 0 || selection.isCollapsed)
      return JSON.stringify({ error: 'empty' });

    const range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer))
      return JSON.stringify({ error: 'outside' });

    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    if (end - start > MAX_SELECTION)
      return JSON.stringify({ error: 'too-long', length: end - start });

    /* A triple click or a drag across paragraphs takes the whitespace
     * around the words along; a mark should not. */
    const chars = Array.from(root.textContent);
    while (start < end && /\s/.test(chars[start]))
      start++;
    while (end > start && /\s/.test(chars[end - 1]))
      end--;
    if (start === end)
      return JSON.stringify({ error: 'empty' });

    const rect = range.getBoundingClientRect();
    return JSON.stringify({
      exact: chars.slice(start, end).join(''),
      prefix: chars.slice(Math.max(0, start - CONTEXT), start).join(''),
      suffix: chars.slice(end, end + CONTEXT).join(''),
      start: start,
      end: end,
      rect: { x: rect.left, y: rect.top, width: rect.width, height: rect.height },
    });
  }

  function clearMarks() {
    for (const mark of root.querySelectorAll('mark.clip-mark')) {
      const parent = mark.parentNode;
      while (mark.firstChild)
        parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
    }
    root.normalize();
  }

  /* The pieces of text nodes that [start, end) covers, as UTF-16 ranges.
   * The "\n\n" separators between blocks are left unmarked. */
  function segmentsFor(nodes, lengths, start, end) {
    const segments = [];
    let pos = 0;
    for (let i = 0; i < nodes.length; i++) {
      const nodeStart = pos;
      const nodeEnd = pos + lengths[i];
      pos = nodeEnd;
      if (nodeEnd <= start || nodeStart >= end || nodes[i].parentNode === root)
        continue;
      const data = nodes[i].data;
      segments.push({
        node: nodes[i],
        from: utf16Index(data, Math.max(start, nodeStart) - nodeStart),
        to: utf16Index(data, Math.min(end, nodeEnd) - nodeStart),
      });
    }
    return segments;
  }

  function wrap(segment, highlight) {
    let node = segment.node;
    if (segment.to < node.data.length)
      node.splitText(segment.to);
    if (segment.from > 0)
      node = node.splitText(segment.from);
    const mark = document.createElement('mark');
    mark.className = 'clip-mark clip-kind-' + highlight.kind + ' clip-color-' + highlight.color +
      (highlight.entityKind ? ' clip-entity-' + highlight.entityKind : '');
    mark.dataset.annotationId = String(highlight.id);
    if (highlight.entity)
      mark.dataset.entityId = String(highlight.entity);
    node.parentNode.insertBefore(mark, node);
    mark.appendChild(node);
  }

  function markHighlight(highlight) {
    const nodes = textNodes();
    const lengths = nodes.map((n) => codePointLength(n.data));
    for (const segment of segmentsFor(nodes, lengths, highlight.start, highlight.end))
      wrap(segment, highlight);
  }

  function setHighlights(highlights) {
    clearMarks();
    /* Longer marks first, so that a shorter one inside it nests inside its
     * <mark> and stays clickable. */
    const ordered = highlights.slice().sort((a, b) => (b.end - b.start) - (a.end - a.start));
    for (const highlight of ordered)
      markHighlight(highlight);
    return root.querySelectorAll('mark.clip-mark').length;
  }

  /* Selects [start, end) of the article text and scrolls to it: how a
   * search result opens at its match. */
  function revealRange(start, end) {
    const nodes = textNodes();
    const range = document.createRange();
    let pos = 0, started = false;
    for (const node of nodes) {
      const length = codePointLength(node.data);
      if (!started && start < pos + length) {
        range.setStart(node, utf16Index(node.data, start - pos));
        started = true;
      }
      if (started && end <= pos + length) {
        range.setEnd(node, utf16Index(node.data, end - pos));
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        const target = node.parentElement;
        if (target)
          target.scrollIntoView({ block: 'center' });
        return true;
      }
      pos += length;
    }
    return false;
  }

  const entitySteps = {};

  /* Each call scrolls to the next mention of the entity, round and round. */
  function stepEntity(id) {
    const marks = Array.from(root.querySelectorAll('mark.clip-mark[data-entity-id="' + Number(id) + '"]'));
    const ids = [...new Set(marks.map((m) => m.dataset.annotationId))];
    if (ids.length === 0)
      return 0;
    const index = ((entitySteps[id] === undefined ? -1 : entitySteps[id]) + 1) % ids.length;
    entitySteps[id] = index;
    scrollToHighlight(ids[index]);
    return index + 1;
  }

  function scrollToHighlight(id) {
    const marks = root.querySelectorAll('mark.clip-mark[data-annotation-id="' + Number(id) + '"]');
    if (marks.length === 0)
      return false;
    marks[0].scrollIntoView({ block: 'center', behavior: 'smooth' });
    for (const mark of marks) {
      mark.classList.remove('clip-flash');
      void mark.offsetWidth;
      mark.classList.add('clip-flash');
    }
    return true;
  }

  /* The selection is reported when it is made, not while a drag goes on. */
  let mouseDown = false;
  let selectionTimeout = 0;
  function selectionChanged() {
    clearTimeout(selectionTimeout);
    selectionTimeout = setTimeout(() => {
      if (mouseDown)
        return;
      const selection = window.getSelection();
      const inside = selection.rangeCount > 0 && !selection.isCollapsed &&
        root.contains(selection.getRangeAt(0).commonAncestorContainer);
      let rect = null;
      if (inside) {
        const r = selection.getRangeAt(0).getBoundingClientRect();
        rect = { x: r.left, y: r.top, width: r.width, height: r.height };
      }
      post({ type: 'selection', empty: !inside, rect: rect });
    }, 50);
  }

  function clicked(event) {
    const mark = event.target.closest ? event.target.closest('mark.clip-mark') : null;
    if (mark)
      post({ type: 'mark-activated', id: Number(mark.dataset.annotationId) });
  }

  window.clipAnnotator = {
    getSelection: getSelection,
    setHighlights: setHighlights,
    scrollToHighlight: scrollToHighlight,
    stepEntity: stepEntity,
    revealRange: revealRange,
    getText: () => root.textContent,
    sliceCodePoints: sliceCodePoints,
  };

  if (!root || !isReader) {
    if (root)
      root.addEventListener('click', clicked);
    post({ type: 'ready', length: -1 });
    return;
  }

  document.addEventListener('selectionchange', selectionChanged);
  document.addEventListener('mousedown', () => { mouseDown = true; }, true);
  document.addEventListener('mouseup', () => { mouseDown = false; selectionChanged(); }, true);
  root.addEventListener('click', clicked);
  post({ type: 'ready', length: codePointLength(root.textContent) });
})();
