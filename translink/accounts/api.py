"""API: the signed-in person, organizations and their members, and API tokens."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from translink.accounts import actions
from translink.accounts.models import ApiToken, Organization, User
from translink.accounts.policy import get_visible_or_404, object_route, signed_in, visible
from translink.lib.pagination import PageNumbers

router = Router(tags=["accounts"])


class OrganizationOut(Schema):
    id: int
    name: str
    kind: str
    description: str
    website: str


class MemberOut(Schema):
    id: int
    email: str
    full_name: str
    role: str
    organization_id: int
    is_org_admin: bool
    is_active: bool


class MemberIn(Schema):
    email: str = Field(..., max_length=254)
    full_name: str = Field(..., min_length=2, max_length=200)
    is_org_admin: bool = False


class MemberPatch(Schema):
    is_org_admin: bool
    is_active: bool
    reason: str = Field("", max_length=500)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)


class NewTokenOut(TokenOut):
    token: str = Field(..., description="Shown only once; store it now.")


@router.get("/me", response=MemberOut)
@signed_in()
def me(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@router.get("/organizations", response=list[OrganizationOut])
@paginate(PageNumbers)
@signed_in()
def list_organizations(request: HttpRequest) -> QuerySet[Organization]:
    return visible(request.user, Organization)


@router.get("/organizations/{org_id}", response=OrganizationOut)
@object_route(org_id=Organization)
def get_organization(request: HttpRequest, org_id: int) -> Organization:
    return get_visible_or_404(request.user, Organization, pk=org_id)


@router.get("/organizations/{org_id}/members", response=list[MemberOut])
@paginate(PageNumbers)
@object_route(org_id=Organization)
def list_members(request: HttpRequest, org_id: int) -> QuerySet[User]:
    organization = get_visible_or_404(request.user, Organization, pk=org_id)
    return visible(request.user, User).filter(organization=organization)


class InvitationOut(Schema):
    email: str
    status: str = Field(
        ..., description="Always 'invited': the answer never says who has an account."
    )


@router.post("/organizations/{org_id}/members", response={202: InvitationOut})
@object_route(org_id=Organization)
def add_member(request: HttpRequest, org_id: int, payload: MemberIn) -> Status[dict[str, str]]:
    """Invite a colleague; they appear among the members once they choose a password."""
    organization = get_visible_or_404(request.user, Organization, pk=org_id)
    actions.invite_member(
        request.user,  # type: ignore[arg-type]
        organization,
        email=payload.email,
        full_name=payload.full_name,
        is_org_admin=payload.is_org_admin,
    )
    return Status(202, {"email": payload.email.strip().lower(), "status": "invited"})


@router.patch("/organizations/{org_id}/members/{user_id}", response=MemberOut)
@object_route(org_id=Organization, user_id=User)
def update_member(request: HttpRequest, org_id: int, user_id: int, payload: MemberPatch) -> User:
    organization = get_visible_or_404(request.user, Organization, pk=org_id)
    member = get_visible_or_404(request.user, User, pk=user_id, organization=organization)
    return actions.update_member(
        request.user,  # type: ignore[arg-type]
        member,
        is_org_admin=payload.is_org_admin,
        is_active=payload.is_active,
        reason=payload.reason,
    )


@router.get("/tokens", response=list[TokenOut])
@paginate(PageNumbers)
@signed_in()
def list_tokens(request: HttpRequest) -> QuerySet[ApiToken]:
    return visible(request.user, ApiToken)


@router.post("/tokens", response={201: NewTokenOut})
@signed_in()
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, object]]:
    token, text = actions.create_api_token(request.user, name=payload.name)  # type: ignore[arg-type]
    return Status(201, {**TokenOut.model_validate(token).model_dump(), "token": text})


@router.delete("/tokens/{token_id}", response=TokenOut)
@object_route(token_id=ApiToken)
def revoke_token(request: HttpRequest, token_id: int) -> ApiToken:
    token = get_visible_or_404(request.user, ApiToken, pk=token_id)
    return actions.revoke_api_token(request.user, token)  # type: ignore[arg-type]
