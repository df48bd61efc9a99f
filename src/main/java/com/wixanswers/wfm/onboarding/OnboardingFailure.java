package com.wixanswers.wfm.onboarding;

/** Ends an onboarding run as Failed, once its report says what became of every row. */
public class OnboardingFailure extends RuntimeException {
    public OnboardingFailure(String message) {
        super(message);
    }
}
