{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{LANG}}" dir="{{DIR}}">
<head>
{{>HEAD}}
</head>
<body class="page-signin" data-page="signin">
<main class="signin-card">
  <h1>{{T_counter__signin_title}}</h1>
  <p id="message" class="message" role="alert">{{MESSAGE}}</p>
  <form id="signin" method="post" action="/signin" autocomplete="off">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <label for="login">{{T_desk__your_name}}</label>
    {{#NO_STAFF}}<p class="note">{{T_counter__no_staff}}</p>{{/NO_STAFF}}
    <select id="login" name="login" required>
      {{#STAFF}}<option dir="auto" value="{{LOGIN}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/STAFF}}
    </select>
    <label for="pin">{{T_counter__pin}}</label>
    <input id="pin" name="pin" type="password" inputmode="numeric" pattern="[0-9]*" minlength="4" maxlength="8"
           autocomplete="off" required>
    <label for="counter">{{T_desk__desk_number}}</label>
    <input id="counter" name="counter" type="number" min="1" max="99" value="{{COUNTER}}" required>
    <fieldset class="languages">
      <legend>{{T_desk__language}}</legend>
      {{#LANGUAGE}}<label class="lang-choice" lang="{{CODE}}"><input type="radio" name="lang" value="{{CODE}}"{{#CHECKED}} checked{{/CHECKED}}> {{OWN_NAME}}</label>{{/LANGUAGE}}
    </fieldset>
    <button id="signin-submit" type="submit" class="primary">{{T_desk__signin}}</button>
  </form>
</main>
</body>
</html>
