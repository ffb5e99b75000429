using System.ComponentModel.DataAnnotations;

namespace WebMail.Web.Account;

/// <summary>The sign-in form.</summary>
public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [MaxLength(320, ErrorMessage = "That email address is too long.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [MaxLength(1024, ErrorMessage = "That password is too long.")]
    public string Password { get; set; } = "";
}
