{{%AUTOESCAPE context="HTML"}}
<section id="accompany" class="card accompany" data-current="{{CURRENT_ID}}"{{#IDLE_FILE}} hidden{{/IDLE_FILE}}>
{{#NO_FILE}}<p id="no-file" class="note">{{T_desk__no_file}}</p>{{/NO_FILE}}
{{#FILE}}
<div class="file" id="her-file">
  <h2>{{T_desk__her_file}}</h2>
  <h3>{{T_desk__visits}}</h3>
  {{#NO_VISITS}}<p class="note">{{T_desk__no_visits}}</p>{{/NO_VISITS}}
  <ul id="visits" class="plain">{{#VISIT}}<li><span>{{DAY}}</span> · <span>{{SERVICE}}</span> · <span>{{OUTCOME}}</span>
    {{#NOTE}}<q class="visit-note" dir="auto">{{TEXT}}</q>{{/NOTE}}{{#NOTE_HIDDEN}}<em class="note">{{WORDS}}</em>{{/NOTE_HIDDEN}}</li>{{/VISIT}}</ul>
  <h3>{{T_desk__open_appointments}}</h3>
  {{#NO_APPOINTMENTS}}<p class="note">{{T_desk__no_open_appointments}}</p>{{/NO_APPOINTMENTS}}
  <ul id="appointments" class="plain">{{#APPOINTMENT}}<li data-appointment="{{ID}}"><span>{{WHEN}}</span> · <span>{{SERVICE}}</span>
    · <span dir="ltr">{{CODE}}</span>
    <a class="button small" href="/console?move={{ID:u}}">{{T_desk__move}}</a>
    <form method="post" action="/appointment-cancel" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="appointment" value="{{ID}}">
      <button type="submit" class="small alert">{{T_desk__cancel_appointment}}</button>
    </form></li>{{/APPOINTMENT}}</ul>
  <h3>{{T_desk__referrals}}</h3>
  {{#NO_REFERRALS}}<p class="note">{{T_desk__no_referrals}}</p>{{/NO_REFERRALS}}
  <ul id="referrals" class="plain">{{#REFERRAL}}<li data-referral="{{ID}}"><span>{{PLACE}}</span> · <span>{{DAY}}</span> ·
    <span class="state">{{STATE}}</span>
    {{#REASON}}<q dir="auto">{{TEXT}}</q>{{/REASON}}{{#HIDDEN}}<em class="note">{{REASON_HIDDEN}}</em>{{/HIDDEN}}
    {{>STEPS}}</li>{{/REFERRAL}}</ul>
  <h3>{{T_desk__milestones}}</h3>
  <ol id="milestones" class="milestones">{{#MILESTONE}}<li data-milestone="{{ID}}"{{#REACHED}} class="reached"{{/REACHED}}>
    {{#REACHED}}<span aria-hidden="true">✓</span> {{/REACHED}}{{LABEL}}{{#REACHED}} <span class="sr">({{T_desk__milestone_reached}})</span>{{/REACHED}}</li>{{/MILESTONE}}</ol>
  <h3>{{T_desk__consents}}</h3>
  <table id="consents" class="consents"><tbody>{{#CONSENT}}<tr data-purpose="{{PURPOSE}}">
    <th scope="row">{{LABEL}}</th><td class="{{#GRANTED}}yes{{/GRANTED}}{{#REFUSED}}no{{/REFUSED}}">{{ANSWER}}</td>
    <td><form method="post" action="/consent" class="answers">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="purpose" value="{{PURPOSE}}">
      <button type="submit" name="answer" value="yes" class="small">{{T_desk__consent_she_agrees}}</button>
      <button type="submit" name="answer" value="no" class="small">{{T_desk__consent_she_refuses}}</button>
    </form></td></tr>{{/CONSENT}}</tbody></table>
</div>
<div class="book" id="book">
  <h3>{{BOOK_TITLE}}</h3>
  {{#BOOKED}}<div id="appointment-card" class="appointment-card">
    <p class="card-centre">{{CENTRE}}</p>
    <p id="appointment-code" class="code" dir="ltr">{{CODE}}</p>
    <p id="appointment-when" class="card-when">{{WHEN}}</p>
    {{#CARD_SERVICE}}<p class="card-service">{{NAME}}</p>{{/CARD_SERVICE}}
  </div>
  <button type="button" id="print-card" class="primary">{{T_desk__print_card}}</button>{{/BOOKED}}
  {{#OFFER}}<form id="offer" class="offer" method="post" action="/book">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="service" value="{{SERVICE}}">
    <input type="hidden" name="slot" value="{{SLOT}}"><input type="hidden" name="move" value="{{MOVE}}">
    <p>{{WORDS}}</p>
    <button id="take-offer" type="submit" class="primary">{{T_desk__take_offer}}</button>
  </form>{{/OFFER}}
  {{#NO_SLOTS_AT_ALL}}<p class="note">{{T_desk__no_service_books}}</p>{{/NO_SLOTS_AT_ALL}}
  <form id="book-choose" method="get" action="/console" class="choose">
    <label for="book-service">{{T_desk__book_service}}</label>
    <select id="book-service" name="book_service">{{#BOOK_SERVICE}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/BOOK_SERVICE}}</select>
    <label for="book-day">{{T_desk__book_day}}</label>
    <div class="row">
      <select id="book-day" name="book_day">{{#BOOK_DAY}}<option value="{{DAY}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/BOOK_DAY}}</select>
      <button id="book-show" type="submit" class="small">{{T_desk__show_slots}}</button>
    </div>
  </form>
  <form id="book-form" method="post" action="/book">
    <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="service" value="{{SERVICE}}">
    <input type="hidden" name="move" value="{{MOVE}}">
    <label for="book-slot">{{T_desk__book_slot}}</label>
    {{#NO_SLOT}}<p class="note">{{T_desk__no_slot_that_day}}</p>{{/NO_SLOT}}
    <select id="book-slot" name="slot" required>{{#SLOT}}<option value="{{VALUE}}"{{#FULL}} data-full="1"{{/FULL}}{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SLOT}}</select>
    <label for="book-staff">{{T_desk__book_with}}</label>
    <select id="book-staff" name="with_staff"><option value="">{{T_desk__book_anyone}}</option>{{#STAFF}}<option value="{{LOGIN}}">{{NAME}}</option>{{/STAFF}}</select>
    <div class="row">
      <button id="book-submit" type="submit" class="primary">{{T_desk__book}}</button>
      {{#MOVING}}<a class="button" href="/console?move=">{{T_desk__move_stop}}</a>{{/MOVING}}
    </div>
  </form>
</div>
<div class="refer" id="refer">
  <h3>{{T_desk__refer_title}}</h3>
  {{#ASK_SHARE}}<div id="ask-share" class="ask" role="alert">
    <p>{{T_desk__share_missing_explain}}</p>
    <blockquote dir="auto">{{T_prompt__consent_share}}</blockquote>
    <form method="post" action="/consent" class="inline">
      <input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="purpose" value="share">
      <input type="hidden" name="then" value="refer">
      <button id="share-yes" type="submit" name="answer" value="yes" class="primary">{{T_desk__share_yes_refer}}</button>
      <button id="share-no" type="submit" name="answer" value="no">{{T_desk__share_no}}</button>
    </form>
  </div>{{/ASK_SHARE}}
  <form id="refer-form" method="post" action="/refer">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="refer-to">{{T_desk__refer_to}}</label>
    <select id="refer-to" name="to" required><option value="">{{T_desk__transfer_choose}}</option>
      {{#REFER_TO}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/REFER_TO}}</select>
    <label for="refer-reason">{{T_desk__refer_reason}}</label>
    <textarea id="refer-reason" name="reason" rows="2" dir="auto" maxlength="{{REASON_MAX}}" required aria-describedby="refer-limit">{{REASON}}</textarea>
    <small id="refer-limit" class="hint">{{REASON_LIMIT}}</small>
    <button id="refer-submit" type="submit" class="primary">{{T_desk__refer}}</button>
  </form>
</div>
{{/FILE}}
</section>
