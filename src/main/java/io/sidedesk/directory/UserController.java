package io.sidedesk.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.sidedesk.access.Actor;
import io.sidedesk.access.Role;
import io.sidedesk.web.ListOf;
import io.sidedesk.web.ListPage;
import io.sidedesk.web.OpenApiConfiguration;
import io.sidedesk.web.Paging;
import io.sidedesk.web.RequestDoc;

@RestController
@RequestMapping("/api/v2/users")
@Tag(name = OpenApiConfiguration.PEOPLE)
class UserController {

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @GetMapping("/me")
    @Operation(operationId = "showCurrentUser", summary = "The authenticated user")
    UserView.One me(@AuthenticationPrincipal Actor actor) {
        return new UserView.One(users.show(actor, actor.userId()));
    }

    @GetMapping
    @ListOf(value = "users", of = UserView.class)
    @Operation(operationId = "listUsers", summary = "List users (agents and admins); filter by role")
    ListPage.Body list(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Role role, Paging paging) {
        return users.list(actor, role, paging).body("users");
    }

    @GetMapping("/search")
    @ListOf(value = "users", of = UserView.class)
    @Operation(
            operationId = "searchUsers",
            summary = "Users whose email is the query, or whose name or email starts with it")
    ListPage.Body search(
            @AuthenticationPrincipal Actor actor,
            @Parameter(required = true, description = "An email, or the start of a name or an email")
                    @RequestParam(required = false)
                    String query,
            Paging paging) {
        return users.search(actor, query, paging).body("users");
    }

    @GetMapping("/{user_id}")
    @Operation(operationId = "showUser", summary = "Show a user")
    UserView.One show(@AuthenticationPrincipal Actor actor, @PathVariable("user_id") long id) {
        return new UserView.One(users.show(actor, id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequestDoc(
            example = "{\"user\": {\"name\": \"Bea Billing\", \"email\": \"bea@example.com\", \"role\": \"agent\"}}",
            required = {"user.name", "user.email"})
    @Operation(operationId = "createUser", summary = "Create a user (admins)")
    UserView.One create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody UserRequest request) {
        return new UserView.One(users.create(actor, request.user()));
    }

    @PutMapping("/{user_id}")
    @RequestDoc(example = "{\"user\": {\"name\": \"Bea Billing-Smith\"}}")
    @Operation(
            operationId = "updateUser",
            summary = "Update a user (admins); only the fields sent change",
            description = "`active: true` reactivates a deactivated user; `custom_role_id: null` removes an agent's "
                    + "custom role. A change that leaves the user unable to hold tickets (deactivated, an end-user, "
                    + "a light agent) unassigns their unsolved tickets; `unassigned_tickets` says how many.")
    UserView.UserChanged update(
            @AuthenticationPrincipal Actor actor,
            @PathVariable("user_id") long id,
            @Valid @RequestBody UserRequest request) {
        return users.update(actor, id, request.user());
    }

    @DeleteMapping("/{user_id}")
    @Operation(
            operationId = "deactivateUser",
            summary = "Deactivate a user (admins): they can no longer authenticate",
            description = "Their unsolved tickets are unassigned (kept in their groups); `unassigned_tickets` says "
                    + "how many. `PUT` with `active: true` reactivates them.")
    UserView.UserChanged deactivate(@AuthenticationPrincipal Actor actor, @PathVariable("user_id") long id) {
        return users.deactivate(actor, id);
    }
}
