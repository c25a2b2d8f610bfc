{{%AUTOESCAPE context="HTML"}}
<form id="signin" class="card" method="post" action="/signin" autocomplete="off">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="lang" value="{{LANG}}">
  <label for="name">{{T_dashboard__signin_name}}</label>
  <input id="name" name="name" type="text" dir="ltr" autocapitalize="none" spellcheck="false" maxlength="64" value="{{NAME}}" required>
  <label for="password">{{T_dashboard__signin_password}}</label>
  <input id="password" name="password" type="password" dir="ltr" maxlength="256" autocomplete="current-password" required>
  <button id="signin-submit" type="submit">{{T_dashboard__signin_submit}}</button>
</form>
