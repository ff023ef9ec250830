// Fixture calculator: the GOV.UK date pattern with an error summary.
document.querySelectorAll('form[data-calculator]').forEach((form) => {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const id = form.dataset.calculator;
    const get = (p) => form.querySelector('#' + id + '-expiry-' + p);
    const d = +get('day').value, m = +get('month').value, y = +get('year').value;
    const summary = form.querySelector('.summary');
    const list = summary.querySelector('ul');
    const err = form.querySelector('#' + id + '-expiry-error');
    const result = form.querySelector('[aria-live]');
    list.textContent = '';
    if (!(d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1900)) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '#' + id + '-expiry-day';
      a.textContent = 'Saisissez la date d’expiration';
      li.append(a);
      list.append(li);
      err.textContent = 'Erreur : saisissez la date d’expiration';
      err.hidden = false;
      summary.hidden = false;
      result.textContent = '';
      summary.focus();
      return;
    }
    summary.hidden = true;
    err.hidden = true;
    let ny = y, nm = m - 2;
    if (nm < 1) { nm += 12; ny -= 1; }
    const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
    const nd = Math.min(d, last);
    const iso = ny + '-' + String(nm).padStart(2, '0') + '-' + String(nd).padStart(2, '0');
    const t = document.createElement('time');
    t.dateTime = iso;
    t.textContent = nd + '/' + nm + '/' + ny;
    result.textContent = 'Introduisez la demande au plus tard le ';
    result.append(t);
  });
});
