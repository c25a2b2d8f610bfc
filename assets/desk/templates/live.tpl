{{%AUTOESCAPE context="HTML"}}
<section id="current" class="card current" data-current="{{CURRENT_ID}}" data-version="{{VERSION}}">
{{#IDLE}}
  <form method="post" action="/call-next">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button id="call-next" type="submit" class="primary big">{{T_counter__call_next}} <kbd>N</kbd></button>
  </form>
{{/IDLE}}
{{#SERVING}}
  <h2>{{T_desk__now_serving}}</h2>
  <p id="current-number" class="number" dir="ltr">{{NUMBER}}</p>
  {{#DETAILS}}
  <dl id="details" class="details">
    {{#FIELD}}<dt>{{LABEL}}</dt><dd dir="auto">{{VALUE}}</dd>{{/FIELD}}
  </dl>
  {{/DETAILS}}
  <div class="actions">
    <form method="post" action="/recall">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button id="recall" type="submit">{{T_counter__recall}} <kbd>R</kbd></button>
    </form>
    <form method="post" action="/no-show">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button id="no-show" type="submit" class="alert">{{T_counter__no_show}}</button>
    </form>
  </div>
  <form class="served" method="post" action="/served">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="note">{{T_desk__note}}</label>
    <textarea id="note" name="note" maxlength="{{NOTE_MAX}}" rows="2" dir="auto" aria-describedby="note-limit">{{NOTE}}</textarea>
    <small id="note-limit" class="hint">{{NOTE_LIMIT}}</small>
    <label for="outcome">{{T_counter__outcome}}</label>
    <div class="row">
      <select id="outcome" name="outcome">
        {{#OUTCOME}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OUTCOME}}
      </select>
      <button id="served" type="submit" class="primary">{{T_desk__served}} <kbd>S</kbd></button>
    </div>
  </form>
  <form class="transfer" method="post" action="/transfer">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="transfer-service">{{T_counter__transfer_to}}</label>
    <div class="row">
      <select id="transfer-service" name="service" required>
        <option value="" selected>{{T_desk__transfer_choose}}</option>
        {{#SERVICE_CHOICE}}<option value="{{ID}}">{{LABEL}}</option>{{/SERVICE_CHOICE}}
      </select>
      <button id="transfer" type="submit">{{T_counter__transfer}}</button>
    </div>
  </form>
{{/SERVING}}
</section>
{{>ACCOMPANY}}
<section class="card waiting">
  <h2>{{QUEUE_TITLE}}</h2>
  <ul id="queue" class="queue">
    {{#QUEUE}}<li data-ticket="{{ID}}"{{#PRIORITY}} class="priority"{{/PRIORITY}}>
      <span class="number" dir="ltr">{{NUMBER}}</span>
      <span class="service">{{SERVICE}}</span>
      <span class="wait">{{WAITING}}</span>
      {{#PRIORITY}}<span class="badge">{{T_counter__priority}}</span>{{/PRIORITY}}
      {{#APPOINTMENT}}<span class="appt{{#LATE}} late{{/LATE}}">{{WORDS}}</span>{{/APPOINTMENT}}
      <form method="post" action="/priority">
        <input type="hidden" name="csrf" value="{{CSRF}}">
        <input type="hidden" name="ticket" value="{{ID}}">
        <button type="submit" class="small">{{T_desk__toggle_priority}}</button>
      </form>
    </li>{{/QUEUE}}
  </ul>
  {{#QUEUE_EMPTY}}<p class="note">{{T_desk__queue_empty}}</p>{{/QUEUE_EMPTY}}
</section>
<section class="card side">
  <div id="alerts" class="alerts{{#HAS_ALERTS}} raised{{/HAS_ALERTS}}">
    <p>{{ALERTS}}</p>
    {{#HAS_ALERTS}}<form method="post" action="/ack-alerts">
      <input type="hidden" name="csrf" value="{{CSRF}}">
      <button id="ack-alerts" type="submit">{{T_desk__ack_alerts}}</button>
    </form>{{/HAS_ALERTS}}
  </div>
  <p id="today" class="today">{{TODAY}}</p>
  <p id="sync" class="sync{{#SYNC_PROBLEM}} problem{{/SYNC_PROBLEM}}">{{SYNC}}</p>
  {{>DAY}}
</section>
